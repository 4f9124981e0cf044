-- Tamper evidence for the audit log (R13.2) and append-only consent ledgers (R9.2, R9.3).
--
-- Every audit_log row carries row_hash = sha256(prev_hash + canonical text of its content), where prev_hash
-- is the row_hash of the row before it in chain order. Chain order is chain_seq, assigned by a BEFORE INSERT
-- trigger while it holds a transaction-scoped advisory lock: the order in which writers got the lock, not the
-- order of the bigserial ids (those are drawn before the lock and can commit out of order). Editing a row
-- breaks its own hash; deleting a row breaks the link of the next one. Verification: lib/audit/chain.ts.
-- Objects here (sequence, index, functions, triggers) are not in the Drizzle schema on purpose: drizzle-kit
-- would otherwise try to create them again.
CREATE SEQUENCE audit_log_chain_seq AS bigint OWNED BY audit_log.chain_seq;
--> statement-breakpoint
-- The trigger looks up the latest row by chain_seq on every insert.
CREATE UNIQUE INDEX audit_log_chain_seq_idx ON audit_log (chain_seq);
--> statement-breakpoint
-- The one canonical hash of a row, used by the trigger and by verification. A JSON array keeps NULL apart
-- from '' and escapes every field; jsonb renders `details` canonically; the timestamp is rendered in UTC so
-- the session time zone cannot change the hash.
CREATE FUNCTION audit_log_row_hash(r audit_log) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT encode(sha256(convert_to(jsonb_build_array(
    r.prev_hash,
    r.id,
    r.actor_id,
    r.actor_role,
    r.action,
    r.target_type,
    r.target_id,
    r.details::jsonb,
    r.ip_truncated,
    r.user_agent,
    to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')
  )::text, 'UTF8')), 'hex')
$$;
--> statement-breakpoint
-- Rows written before this migration join the chain in id order. The append-only guard refuses UPDATE, so
-- it is switched off for this backfill only (inside the migration's transaction).
ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
--> statement-breakpoint
DO $$
DECLARE
  r audit_log;
  previous text := NULL;
BEGIN
  FOR r IN SELECT * FROM audit_log ORDER BY id LOOP
    r.chain_seq := nextval('audit_log_chain_seq');
    r.prev_hash := previous;
    r.row_hash := audit_log_row_hash(r);
    UPDATE audit_log
       SET chain_seq = r.chain_seq, prev_hash = r.prev_hash, row_hash = r.row_hash
     WHERE id = r.id;
    previous := r.row_hash;
  END LOOP;
END
$$;
--> statement-breakpoint
ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;
--> statement-breakpoint
CREATE FUNCTION audit_log_chain() RETURNS trigger AS $$
DECLARE
  previous text;
BEGIN
  -- Under REPEATABLE READ / SERIALIZABLE the lookup below would read the transaction's old snapshot and fork
  -- the chain. Refuse loudly instead of writing a row that verification would later report as tampered.
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'audit_log inserts need READ COMMITTED isolation (hash chain)'
      USING ERRCODE = 'object_not_in_prerequisite_state';
  END IF;
  -- One writer at a time until commit. Each statement of a plpgsql function takes a fresh snapshot under
  -- READ COMMITTED, so the SELECT below sees the predecessor committed by the previous lock holder.
  PERFORM pg_advisory_xact_lock(4713024001);
  NEW.chain_seq := nextval('audit_log_chain_seq');
  SELECT a.row_hash INTO previous
    FROM audit_log a
   WHERE a.chain_seq IS NOT NULL
   ORDER BY a.chain_seq DESC
   LIMIT 1;
  NEW.prev_hash := previous;
  NEW.row_hash := audit_log_row_hash(NEW);
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_log_chain
  BEFORE INSERT ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_chain();
--> statement-breakpoint
-- Generic append-only guard for ledgers holding legal proof: UPDATE is always refused; DELETE only by the
-- retention job (SET LOCAL mialma.retention = 'on') and only for rows older than the period given as the
-- trigger argument; TRUNCATE never.
CREATE FUNCTION append_only_guard() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE'
     AND current_setting('mialma.retention', true) = 'on'
     AND OLD.created_at < now() - (TG_ARGV[0])::interval THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER consent_events_append_only
  BEFORE UPDATE OR DELETE ON consent_events
  FOR EACH ROW EXECUTE FUNCTION append_only_guard('3 years');
--> statement-breakpoint
CREATE TRIGGER consent_events_no_truncate
  BEFORE TRUNCATE ON consent_events
  FOR EACH STATEMENT EXECUTE FUNCTION append_only_guard('3 years');
--> statement-breakpoint
CREATE TRIGGER recording_consents_append_only
  BEFORE UPDATE OR DELETE ON recording_consents
  FOR EACH ROW EXECUTE FUNCTION append_only_guard('3 years');
--> statement-breakpoint
CREATE TRIGGER recording_consents_no_truncate
  BEFORE TRUNCATE ON recording_consents
  FOR EACH STATEMENT EXECUTE FUNCTION append_only_guard('3 years');
