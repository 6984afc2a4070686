import { GENESIS_HEX, GENESIS_SQL, hashChainAppendFunction } from './schema-hash-chain-append.ts';

/*
 * Migration 6: tamper evidence. Every event carries two SHA-256 hashes, computed by
 * paygate_append in the same statement that writes it (no extra round trip):
 *
 *   content     = sha256(encoding of the event's stored fields)   -- paygate_event_content below
 *   stream_hash = sha256(stream_hash of the stream's previous event || content)
 *   chain_hash  = sha256(chain_hash of the previous event in $all   || content)
 *
 * The first event of a stream, and of the log, chains to 32 zero bytes. The latest hashes are kept
 * in paygate_streams.last_hash and paygate_log_head.last_hash, rows the append locks or upserts
 * anyway. `paygate audit verify` (infra/src/audit/chain/) recomputes all of it in Node; the
 * encoding is documented in docs/audit.md and implemented once on each side
 * (infra/src/audit/chain/event-content.ts is the other).
 *
 * Dedicated columns, not the app's metadata jsonb: the metadata is the application's data and the
 * chain must cover it, and a hash inside what it hashes would need a second encoding without it.
 */

/*
 * Big-endian fixed-width integers (int8send), the 16 uuid bytes, and each text as its UTF-8
 * length (int4send) and bytes. jsonb is hashed as PostgreSQL prints it (data::text), its
 * canonical form. recorded_at as microseconds since the Unix epoch. One expression and no SET
 * clause, so PostgreSQL inlines it into the append's query: called per event, a function call
 * that switches search_path costs more than the hashing. It is only ever called from the append
 * function (whose search_path is pinned) and from this migration.
 */
const contentFunction = `
CREATE FUNCTION paygate_event_content(
  p_commit_position bigint, p_position bigint, p_stream_id text, p_stream_revision bigint,
  p_event_id uuid, p_type text, p_data jsonb, p_metadata jsonb, p_recorded_at timestamptz
) RETURNS bytea LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT sha256(convert_to('paygate-event-v1', 'UTF8')
    || int8send(p_commit_position) || int8send(p_position) || int8send(p_stream_revision)
    || int8send((extract(epoch FROM p_recorded_at) * 1000000)::bigint) || uuid_send(p_event_id)
    || int4send(octet_length(convert_to(p_stream_id, 'UTF8'))) || convert_to(p_stream_id, 'UTF8')
    || int4send(octet_length(convert_to(p_type, 'UTF8'))) || convert_to(p_type, 'UTF8')
    || int4send(octet_length(convert_to(p_data::text, 'UTF8'))) || convert_to(p_data::text, 'UTF8')
    || int4send(octet_length(convert_to(p_metadata::text, 'UTF8'))) || convert_to(p_metadata::text, 'UTF8'))
$$;
`;

/*
 * Existing rows get their hashes in $all order (and per stream in revision order) in one
 * set-based UPDATE: a running aggregate over a window is the chain. Appends are locked out for the
 * duration (the log-head lock first, as appends take it). The UPDATE rewrites every row once, so
 * the table needs about twice its size on disk until autovacuum, and it takes roughly as long as
 * reading and rewriting the log (docs/audit.md has a figure). The append-only trigger is off for
 * this transaction only; it is back on when the migration commits or rolls back.
 */
const columnsAndBackfill = `
LOCK TABLE paygate_log_head, paygate_streams, paygate_events IN ACCESS EXCLUSIVE MODE;
ALTER TABLE paygate_events ADD COLUMN stream_hash bytea, ADD COLUMN chain_hash bytea;
ALTER TABLE paygate_streams ADD COLUMN last_hash bytea;
ALTER TABLE paygate_log_head ADD COLUMN last_hash bytea;

CREATE FUNCTION paygate_chain_step(state bytea, content bytea) RETURNS bytea
  LANGUAGE sql IMMUTABLE STRICT SET search_path = pg_catalog, pg_temp AS 'SELECT sha256(state || content)';
CREATE AGGREGATE paygate_chain(bytea) (SFUNC = paygate_chain_step, STYPE = bytea, INITCOND = '${GENESIS_HEX}');

ALTER TABLE paygate_events DISABLE TRIGGER paygate_events_no_update_delete;
UPDATE paygate_events e SET stream_hash = h.stream_hash, chain_hash = h.chain_hash
  FROM (
    SELECT c.commit_position, c.position,
           paygate_chain(c.content) OVER (PARTITION BY c.stream_id ORDER BY c.stream_revision) AS stream_hash,
           paygate_chain(c.content) OVER (ORDER BY c.commit_position, c.position) AS chain_hash
      FROM (SELECT x.commit_position, x.position, x.stream_id, x.stream_revision,
                   paygate_event_content(x.commit_position, x.position, x.stream_id, x.stream_revision, x.event_id,
                                         x.type, x.data, x.metadata, x.recorded_at) AS content
              FROM paygate_events x) c
  ) h
 WHERE e.commit_position = h.commit_position AND e.position = h.position;
ALTER TABLE paygate_events ENABLE TRIGGER paygate_events_no_update_delete;

UPDATE paygate_streams s SET last_hash = e.stream_hash
  FROM paygate_events e WHERE e.stream_id = s.stream_id AND e.stream_revision = s.revision;
UPDATE paygate_log_head SET last_hash = coalesce(
  (SELECT e.chain_hash FROM paygate_events e ORDER BY e.commit_position DESC, e.position DESC LIMIT 1), ${GENESIS_SQL});

DROP AGGREGATE paygate_chain(bytea);
DROP FUNCTION paygate_chain_step(bytea, bytea);

-- NOT NULL also makes an append still running the old function body (it waited on the lock above
-- and resumes after this commit) fail instead of writing an event outside the chain.
ALTER TABLE paygate_events ALTER COLUMN stream_hash SET NOT NULL, ALTER COLUMN chain_hash SET NOT NULL;
ALTER TABLE paygate_streams ALTER COLUMN last_hash SET NOT NULL;
ALTER TABLE paygate_log_head ALTER COLUMN last_hash SET NOT NULL;
`;

export const hashChain = contentFunction + columnsAndBackfill + hashChainAppendFunction;
