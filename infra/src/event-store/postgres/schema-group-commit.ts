import { CONFLICT_SQLSTATE } from './sqlstates.ts';

/** The batch function's signature, as GRANT and to_regprocedure name it. */
export const APPEND_BATCH_FUNCTION = 'paygate_append_batch(text[], text[], bigint[], integer[], uuid[], text[], jsonb[], jsonb[], text)';

/*
 * Migration 5: group commit. Several appends in one call, one transaction and one round trip, so
 * one hold of the append lock and one WAL flush serve them all. Each append runs in its own
 * subtransaction and keeps its own outcome: a conflict rolls back that append only (its counter
 * update too, so positions stay dense) and is returned as a row, not raised. The events arrive
 * flattened: append i owns the next p_counts[i] entries of the event arrays.
 *
 * The append lock is taken once, first, in the top transaction: a lock taken only inside a
 * subtransaction that rolls back would be released with it, mid-batch.
 */
export const groupCommit = `
CREATE FUNCTION paygate_append_batch(
  p_stream_ids         text[],
  p_expected_kinds     text[],
  p_expected_revisions bigint[],
  p_counts             integer[],
  p_event_ids          uuid[],
  p_types              text[],
  p_data               jsonb[],
  p_metadata           jsonb[],
  p_channel            text DEFAULT NULL
) RETURNS TABLE (next_revision bigint, commit_position text, prepare_position bigint, conflict text, actual_revision bigint)
LANGUAGE plpgsql AS $$
DECLARE
  v_appends integer := coalesce(cardinality(p_stream_ids), 0);
  v_from    integer := 1;
  v_to      integer;
  v_detail  text;
BEGIN
  IF cardinality(p_expected_kinds) IS DISTINCT FROM v_appends OR cardinality(p_expected_revisions) IS DISTINCT FROM v_appends
     OR cardinality(p_counts) IS DISTINCT FROM v_appends THEN
    RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value', MESSAGE = 'paygate_append_batch: append arrays must be of equal length';
  END IF;
  PERFORM 1 FROM paygate_log_head FOR UPDATE;

  FOR i IN 1 .. v_appends LOOP
    v_to := v_from + p_counts[i] - 1;
    next_revision := NULL; commit_position := NULL; prepare_position := NULL; conflict := NULL; actual_revision := NULL;
    -- Attempt 2 checks the event ids: after a unique violation, as paygate_append's callers do.
    FOR attempt IN 1 .. 2 LOOP
      BEGIN
        SELECT a.next_revision, a.commit_position, a.prepare_position INTO next_revision, commit_position, prepare_position
          FROM paygate_append(p_stream_ids[i], p_expected_kinds[i], p_expected_revisions[i], p_event_ids[v_from:v_to],
                              p_types[v_from:v_to], p_data[v_from:v_to], p_metadata[v_from:v_to], p_channel, attempt = 2) a;
        EXIT;
      EXCEPTION
        WHEN SQLSTATE '${CONFLICT_SQLSTATE}' THEN
          GET STACKED DIAGNOSTICS conflict = PG_EXCEPTION_HINT, v_detail = PG_EXCEPTION_DETAIL;
          actual_revision := v_detail::bigint;
          EXIT;
        WHEN unique_violation THEN
          IF attempt = 2 THEN
            conflict := 'concurrent_same_ids';
            actual_revision := coalesce((SELECT s.revision FROM paygate_streams s WHERE s.stream_id = p_stream_ids[i]), -1);
          END IF;
      END;
    END LOOP;
    v_from := v_to + 1;
    RETURN NEXT;
  END LOOP;
END $$;

DO $$ BEGIN
  EXECUTE format('ALTER FUNCTION %I.${APPEND_BATCH_FUNCTION} SECURITY DEFINER SET search_path = %I, pg_temp', current_schema(), current_schema());
END $$;
REVOKE ALL ON FUNCTION ${APPEND_BATCH_FUNCTION} FROM PUBLIC;
`;
