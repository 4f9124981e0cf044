-- Hand-written (issue 19): before availability_exception_unique, keep one of each set of identical exceptions
-- (same coach, date, kind and times; the oldest stays). They were accepted repeatedly and mean the same thing.
DELETE FROM "availability_exceptions" AS e
USING "availability_exceptions" AS keep
WHERE e."coach_id" = keep."coach_id"
  AND e."date" = keep."date"
  AND e."kind" = keep."kind"
  AND e."start_minute" IS NOT DISTINCT FROM keep."start_minute"
  AND e."end_minute" IS NOT DISTINCT FROM keep."end_minute"
  AND (e."created_at", e."id") > (keep."created_at", keep."id");
