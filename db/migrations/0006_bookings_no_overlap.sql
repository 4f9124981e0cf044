-- R3.2: two active bookings of one coach can never overlap — enforced by PostgreSQL itself, so concurrent
-- requests cannot race past an application check. The blocked range includes the buffers. Pending (held
-- during checkout) and confirmed bookings count; cancelled and expired ones free the time again.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap
  EXCLUDE USING gist (coach_id WITH =, tstzrange(blocked_from, blocked_until, '[)') WITH &&)
  WHERE (status IN ('pending', 'confirmed'));
