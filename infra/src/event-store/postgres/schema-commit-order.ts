import { CONFLICT_SQLSTATE } from './sqlstates.ts';

/*
 * Migration 4: global positions handed out in commit order.
 *
 * Before, $all was ordered by the appending transaction's xid and read only below the server's
 * oldest running transaction, so any open transaction on the server (another database's too)
 * held every reader back. Now every append first locks the single log-head row and takes its
 * positions from the counter there; the lock is held until the transaction ends, and PostgreSQL
 * releases locks only after the commit is visible. So position N+1 is handed out only once N is
 * committed (or rolled back, taking its counter update with it): a reader that sees N+1 sees N,
 * and no snapshot filter is needed. See docs/event-store.md.
 *
 * Old rows keep their (xid, sequence) positions; the counter starts above the largest xid, so
 * every new position sorts after every old one and saved checkpoints stay valid.
 */
const positions = `
ALTER TABLE paygate_events RENAME COLUMN transaction_id TO commit_position;
ALTER TABLE paygate_events ALTER COLUMN commit_position DROP DEFAULT;
ALTER TABLE paygate_events ALTER COLUMN commit_position TYPE bigint USING commit_position::text::bigint;
ALTER TABLE paygate_events ALTER COLUMN position DROP DEFAULT;

-- One row: the last position handed out. Its row lock is the append lock.
CREATE TABLE paygate_log_head (
  singleton     boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  last_position bigint  NOT NULL CHECK (last_position >= 0)
);
INSERT INTO paygate_log_head (last_position) SELECT coalesce(max(commit_position), 0) FROM paygate_events;
CREATE TRIGGER paygate_log_head_no_delete BEFORE DELETE ON paygate_log_head
  FOR EACH ROW EXECUTE FUNCTION paygate_reject_change();
CREATE TRIGGER paygate_log_head_no_truncate BEFORE TRUNCATE ON paygate_log_head
  FOR EACH STATEMENT EXECUTE FUNCTION paygate_reject_change();
`;

/*
 * Same signature and outcomes as migration 2's function. The log-head lock comes first, before
 * any other lock, so appends that share a transaction (group commit) cannot deadlock, and it
 * makes the old per-stream lock redundant: the revision read after it sees every earlier append.
 */
const appendFunction = `
CREATE OR REPLACE FUNCTION paygate_append(
  p_stream_id         text,
  p_expected_kind     text,
  p_expected_revision bigint,
  p_event_ids         uuid[],
  p_types             text[],
  p_data              jsonb[],
  p_metadata          jsonb[],
  p_channel           text DEFAULT NULL,
  p_check_ids         boolean DEFAULT false,
  OUT next_revision    bigint,
  OUT commit_position  text,
  OUT prepare_position bigint,
  OUT idempotent       boolean
) LANGUAGE plpgsql AS $$
DECLARE
  v_count     integer := coalesce(cardinality(p_event_ids), 0);
  v_last      bigint;          -- last position handed out
  v_current   bigint;          -- revision of the stream's last event; -1: no stream
  v_found     integer;
  v_elsewhere boolean;
  v_start_lo  bigint;
  v_start_hi  bigint;
  v_expected_ok boolean;
BEGIN
  IF v_count = 0 OR cardinality(p_types) IS DISTINCT FROM v_count OR cardinality(p_data) IS DISTINCT FROM v_count
     OR cardinality(p_metadata) IS DISTINCT FROM v_count THEN
    RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value', MESSAGE = 'paygate_append: event arrays must be non-empty and of equal length';
  END IF;
  IF p_expected_kind NOT IN ('any', 'no_stream', 'stream_exists', 'exact') OR (p_expected_kind = 'exact') <> (p_expected_revision IS NOT NULL) THEN
    RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value', MESSAGE = 'paygate_append: bad expected revision';
  END IF;

  -- 1. The append lock, held to the end of the transaction. After waiting, FOR UPDATE returns
  --    the row as the previous holder committed it.
  SELECT h.last_position INTO STRICT v_last FROM paygate_log_head h FOR UPDATE;

  -- 2. The stream's revision (a fresh snapshot: every earlier append is visible now).
  v_current := coalesce((SELECT s.revision FROM paygate_streams s WHERE s.stream_id = p_stream_id), -1);
  v_expected_ok := NOT ((p_expected_kind = 'no_stream' AND v_current <> -1)
                     OR (p_expected_kind = 'stream_exists' AND v_current = -1)
                     OR (p_expected_kind = 'exact' AND v_current <> p_expected_revision));

  -- 3. Idempotency, as before: checked only when the expectation fails or the caller asks.
  IF p_check_ids OR NOT v_expected_ok THEN
    SELECT count(*)::integer, coalesce(bool_or(e.stream_id <> p_stream_id), false),
           min(e.stream_revision - array_position(p_event_ids, e.event_id) + 1),
           max(e.stream_revision - array_position(p_event_ids, e.event_id) + 1)
      INTO v_found, v_elsewhere, v_start_lo, v_start_hi
      FROM paygate_events e
     WHERE e.event_id = ANY (p_event_ids);
    IF v_found > 0 THEN
      IF v_found = v_count AND NOT v_elsewhere AND v_start_lo = v_start_hi AND (
           p_expected_kind IN ('any', 'stream_exists')
           OR (p_expected_kind = 'no_stream' AND v_start_lo = 0)
           OR (p_expected_kind = 'exact' AND v_start_lo = p_expected_revision + 1)) THEN
        SELECT e.stream_revision, e.commit_position::text, e.position, true
          INTO next_revision, commit_position, prepare_position, idempotent
          FROM paygate_events e
         WHERE e.event_id = p_event_ids[v_count];
        RETURN;
      END IF;
      RAISE EXCEPTION USING ERRCODE = '${CONFLICT_SQLSTATE}', MESSAGE = 'event ids already appended elsewhere',
        DETAIL = v_current::text, HINT = 'event_ids_elsewhere';
    END IF;
  END IF;

  -- 4. The expectation.
  IF NOT v_expected_ok THEN
    RAISE EXCEPTION USING ERRCODE = '${CONFLICT_SQLSTATE}', MESSAGE = 'wrong expected revision',
      DETAIL = v_current::text, HINT = 'wrong_expected_revision';
  END IF;

  -- 5. Write the events at the next positions (commit = prepare = position), the stream's new
  --    revision and the new log head. An event id stored meanwhile raises unique_violation; the
  --    caller then retries with p_check_ids.
  INSERT INTO paygate_events (commit_position, position, stream_id, stream_revision, event_id, type, data, metadata)
  SELECT v_last + u.ord, v_last + u.ord, p_stream_id, v_current + u.ord, u.id, u.type, u.data, coalesce(u.metadata, '{}'::jsonb)
    FROM unnest(p_event_ids, p_types, p_data, p_metadata) WITH ORDINALITY AS u(id, type, data, metadata, ord);
  INSERT INTO paygate_streams (stream_id, revision) VALUES (p_stream_id, v_current + v_count)
    ON CONFLICT (stream_id) DO UPDATE SET revision = EXCLUDED.revision;
  UPDATE paygate_log_head SET last_position = v_last + v_count;

  -- 6. Wake listeners on commit. (The old try-lock that kept concurrent appends from all
  --    notifying is moot: appends are serialized, and PostgreSQL folds identical notifications
  --    of one transaction into one.)
  IF p_channel IS NOT NULL THEN
    PERFORM pg_notify(p_channel, '');
  END IF;

  next_revision := v_current + v_count;
  commit_position := (v_last + v_count)::text;
  prepare_position := v_last + v_count;
  idempotent := false;
END $$;
`;

export const commitOrder = positions + appendFunction;
