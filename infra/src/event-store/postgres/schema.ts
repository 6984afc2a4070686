import type { AppGrant, Migration } from '../../postgres/index.ts';
import { commitOrder } from './schema-commit-order.ts';
import { APPEND_BATCH_FUNCTION, groupCommit } from './schema-group-commit.ts';
import { hashChain } from './schema-hash-chain.ts';
import { APPEND_ONLY_SQLSTATE, CONFLICT_SQLSTATE } from './sqlstates.ts';

export { APPEND_ONLY_SQLSTATE, CONFLICT_SQLSTATE };

const tables = `
CREATE TABLE paygate_streams (
  -- "C" collation: stream ids are identifiers, and byte comparison keeps index lookups cheap.
  stream_id text   COLLATE "C" PRIMARY KEY,
  -- Revision of the stream's last event. A row exists only once the stream has an event.
  revision  bigint NOT NULL CHECK (revision >= 0)
);

CREATE TABLE paygate_events (
  position        bigserial   NOT NULL,
  -- The appending transaction. Global order is (transaction_id, position); readers stop below
  -- the oldest running transaction, so a late commit is never skipped.
  transaction_id  xid8        NOT NULL DEFAULT pg_current_xact_id(),
  stream_id       text        COLLATE "C" NOT NULL,
  stream_revision bigint      NOT NULL CHECK (stream_revision >= 0),
  event_id        uuid        NOT NULL,
  type            text        NOT NULL,
  data            jsonb       NOT NULL,
  metadata        jsonb       NOT NULL DEFAULT '{}',
  recorded_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (transaction_id, position),
  CONSTRAINT paygate_events_event_id_key UNIQUE (event_id),
  CONSTRAINT paygate_events_stream_revision_key UNIQUE (stream_id, stream_revision)
);
`;

// An auditor's guarantee: nothing rewrites or removes history through SQL. (A superuser can still
// disable triggers; detecting that is the job of log verification, not of this table.)
const appendOnly = `
CREATE FUNCTION paygate_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = '${APPEND_ONLY_SQLSTATE}',
    MESSAGE = format('%s is append-only: %s is not allowed', TG_TABLE_NAME, TG_OP);
END $$;

CREATE TRIGGER paygate_events_no_update_delete BEFORE UPDATE OR DELETE ON paygate_events
  FOR EACH ROW EXECUTE FUNCTION paygate_reject_change();
CREATE TRIGGER paygate_events_no_truncate BEFORE TRUNCATE ON paygate_events
  FOR EACH STATEMENT EXECUTE FUNCTION paygate_reject_change();
CREATE TRIGGER paygate_streams_no_delete BEFORE DELETE ON paygate_streams
  FOR EACH ROW EXECUTE FUNCTION paygate_reject_change();
CREATE TRIGGER paygate_streams_no_truncate BEFORE TRUNCATE ON paygate_streams
  FOR EACH STATEMENT EXECUTE FUNCTION paygate_reject_change();
`;

/*
 * One round trip per append. A per-stream advisory lock serializes appends to that stream only;
 * appends to different streams never wait for each other (a 64-bit hash collision merely
 * serializes two streams). The lock is taken before the transaction's first write, on purpose:
 * the transaction id is assigned at that first write, so a later append to the same stream always
 * gets a larger transaction_id and $all order agrees with revision order. (Locking the stream row
 * would assign the id *before* waiting, and a waiter could then sort ahead of the holder.) So call
 * it as the first write of its transaction.
 * Expected kinds: 'any' | 'no_stream' | 'stream_exists' | 'exact' (with p_expected_revision).
 */
const appendFunction = `
CREATE FUNCTION paygate_append(
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

  -- 1. Serialize with other appends to this stream.
  PERFORM pg_advisory_xact_lock(hashtextextended(p_stream_id, 0));

  -- 2. The stream's revision (a fresh snapshot: the previous holder's commit is visible now).
  v_current := coalesce((SELECT s.revision FROM paygate_streams s WHERE s.stream_id = p_stream_id), -1);
  v_expected_ok := NOT ((p_expected_kind = 'no_stream' AND v_current <> -1)
                     OR (p_expected_kind = 'stream_exists' AND v_current = -1)
                     OR (p_expected_kind = 'exact' AND v_current <> p_expected_revision));

  -- 3. Idempotency. Checked only when the expectation fails or the caller asks (after a unique
  --    violation on event_id): on the common path the unique index is the check, for free.
  --    Success, writing nothing, only if the ids are exactly where this append would put them
  --    (or, for any/stream_exists, a contiguous run of this stream in this order).
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
        SELECT e.stream_revision, e.transaction_id::text, e.position, true
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

  -- 5. Write the events and the stream's new revision in one statement. An event id stored
  --    meanwhile raises unique_violation; the caller then retries with p_check_ids.
  WITH inserted AS (
    INSERT INTO paygate_events (stream_id, stream_revision, event_id, type, data, metadata)
    SELECT p_stream_id, v_current + u.ord, u.id, u.type, u.data, coalesce(u.metadata, '{}'::jsonb)
      FROM unnest(p_event_ids, p_types, p_data, p_metadata) WITH ORDINALITY AS u(id, type, data, metadata, ord)
    RETURNING position
  ), stream AS (
    INSERT INTO paygate_streams (stream_id, revision) VALUES (p_stream_id, v_current + v_count)
    ON CONFLICT (stream_id) DO UPDATE SET revision = EXCLUDED.revision
  )
  SELECT max(i.position) INTO prepare_position FROM inserted i;  -- rows take positions in revision order

  -- 6. Wake listeners on commit. A notifying commit takes a cluster-wide lock that serializes
  --    commits, so only one append in flight notifies and the others skip: a listener woken by
  --    it re-reads everything committed by then, and what commits later is caught by the next
  --    notification or the subscriber's poll.
  IF p_channel IS NOT NULL AND pg_try_advisory_xact_lock(hashtextextended('paygate_notify:' || p_channel, 0)) THEN
    PERFORM pg_notify(p_channel, '');
  END IF;

  next_revision := v_current + v_count;
  commit_position := pg_current_xact_id()::text;
  idempotent := false;
END $$;
`;

/** The append function's signature, as GRANT and to_regprocedure name it. */
export const APPEND_FUNCTION = 'paygate_append(text, text, bigint, uuid[], text[], jsonb[], jsonb[], text, boolean)';

/*
 * Appends run with the owner's rights, so the app role needs no write privilege on the log at
 * all: it cannot insert an event past the revision check, move a stream's revision, or touch
 * the sequence. The search_path is pinned to the function's own schema (pg_temp last), so
 * objects another role creates elsewhere can never stand in for the tables or built-ins it uses.
 */
const appendAsOwner = `
DO $$ BEGIN
  EXECUTE format('ALTER FUNCTION %I.${APPEND_FUNCTION} SECURITY DEFINER SET search_path = %I, pg_temp', current_schema(), current_schema());
END $$;
REVOKE ALL ON FUNCTION ${APPEND_FUNCTION} FROM PUBLIC;
`;

export const eventStoreMigrations: readonly Migration[] = [
  { version: 1, name: 'streams and append-only events', sql: tables + appendOnly },
  { version: 2, name: 'paygate_append function', sql: appendFunction },
  { version: 3, name: 'paygate_append runs as the owner', sql: appendAsOwner },
  // CREATE OR REPLACE resets SECURITY DEFINER and search_path, so they are set again.
  { version: 4, name: 'commit-ordered global positions', sql: commitOrder + appendAsOwner },
  { version: 5, name: 'paygate_append_batch for group commit', sql: groupCommit },
  { version: 6, name: 'hash chain for tamper evidence', sql: hashChain + appendAsOwner },
];

/**
 * The app role's share of the event store: read the log, append through the function. No
 * INSERT, UPDATE, DELETE or TRUNCATE, no sequence, and not the owner, so it cannot disable the
 * append-only triggers either.
 */
export const eventStoreAppGrants: readonly AppGrant[] = [
  { kind: 'table', name: 'paygate_events', privileges: ['SELECT'] },
  { kind: 'table', name: 'paygate_streams', privileges: ['SELECT'] },
  // SELECT lets `paygate audit verify` compare the chain's head; it cannot lock the row (FOR UPDATE needs UPDATE).
  { kind: 'table', name: 'paygate_log_head', privileges: ['SELECT'] },
  { kind: 'sequence', name: 'paygate_events_position_seq', privileges: [] },
  { kind: 'function', name: APPEND_FUNCTION, privileges: ['EXECUTE'] },
  { kind: 'function', name: APPEND_BATCH_FUNCTION, privileges: ['EXECUTE'] },
];
