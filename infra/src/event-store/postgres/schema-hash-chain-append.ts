import { CONFLICT_SQLSTATE } from './sqlstates.ts';

/** 32 zero bytes, what the first event of the log and of each stream chains to, as a bytea literal. */
export const GENESIS_HEX = `\\x${'00'.repeat(32)}`;
export const GENESIS_SQL = `'${GENESIS_HEX}'::bytea`;

/*
 * Migration 6's paygate_append: migration 4's function (same signature, locks and outcomes) that
 * also chains each new event (schema-hash-chain.ts). The hashes come from the log-head row it
 * locks anyway and the stream row it reads anyway, and go into the rows it writes anyway: no
 * extra statement on the way to the table, no extra round trip. paygate_append_batch calls this
 * function per append, so group commit chains the same way; a rolled-back append in a batch takes
 * its head-hash update with it, as it does its positions.
 */
export const hashChainAppendFunction = `
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
  v_chain     bytea;           -- chain hash of the event at v_last
  v_current   bigint;          -- revision of the stream's last event; -1: no stream
  v_stream    bytea;           -- stream hash of that event
  v_now       timestamptz := now();
  v_contents  bytea[];
  v_stream_hashes bytea[] := '{}';
  v_chain_hashes  bytea[] := '{}';
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

  -- 1. The append lock, held to the end of the transaction, and the chain's head.
  SELECT h.last_position, h.last_hash INTO STRICT v_last, v_chain FROM paygate_log_head h FOR UPDATE;

  -- 2. The stream's revision and stream hash (a fresh snapshot: every earlier append is visible now).
  SELECT s.revision, s.last_hash INTO v_current, v_stream FROM paygate_streams s WHERE s.stream_id = p_stream_id;
  v_current := coalesce(v_current, -1);
  v_stream := coalesce(v_stream, ${GENESIS_SQL});
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

  -- 5. Chain the new events in revision (= position) order, then write them at the next positions
  --    (commit = prepare = position) with the stream's new revision and hash and the new log head.
  --    An event id stored meanwhile raises unique_violation; the caller then retries with p_check_ids.
  SELECT array_agg(paygate_event_content(v_last + u.ord, v_last + u.ord, p_stream_id, v_current + u.ord, u.id, u.type, u.data,
                                         coalesce(u.metadata, '{}'::jsonb), v_now) ORDER BY u.ord)
    INTO v_contents
    FROM unnest(p_event_ids, p_types, p_data, p_metadata) WITH ORDINALITY AS u(id, type, data, metadata, ord);
  FOR i IN 1 .. v_count LOOP
    v_stream := sha256(v_stream || v_contents[i]);
    v_chain := sha256(v_chain || v_contents[i]);
    v_stream_hashes[i] := v_stream;
    v_chain_hashes[i] := v_chain;
  END LOOP;
  INSERT INTO paygate_events (commit_position, position, stream_id, stream_revision, event_id, type, data, metadata, recorded_at, stream_hash, chain_hash)
  SELECT v_last + u.ord, v_last + u.ord, p_stream_id, v_current + u.ord, u.id, u.type, u.data, coalesce(u.metadata, '{}'::jsonb), v_now, u.sh, u.ch
    FROM unnest(p_event_ids, p_types, p_data, p_metadata, v_stream_hashes, v_chain_hashes) WITH ORDINALITY AS u(id, type, data, metadata, sh, ch, ord);
  INSERT INTO paygate_streams (stream_id, revision, last_hash) VALUES (p_stream_id, v_current + v_count, v_stream)
    ON CONFLICT (stream_id) DO UPDATE SET revision = EXCLUDED.revision, last_hash = EXCLUDED.last_hash;
  UPDATE paygate_log_head SET last_position = v_last + v_count, last_hash = v_chain;

  -- 6. Wake listeners on commit.
  IF p_channel IS NOT NULL THEN
    PERFORM pg_notify(p_channel, '');
  END IF;

  next_revision := v_current + v_count;
  commit_position := (v_last + v_count)::text;
  prepare_position := v_last + v_count;
  idempotent := false;
END $$;
`;
