import type { StreamLink } from './check-row.ts';
import type { ChainProblem } from './problems.ts';

/** A paygate_streams row: the stream's last revision and stream hash, as the append left them. */
export type StreamRow = { streamId: string; revision: bigint; lastHash: Buffer };

/**
 * A stream row against the stream's last event in the log (`seen`): events removed from the end of
 * a stream leave its row ahead of its events.
 */
export const checkStreamRows = (row: StreamRow, seen: StreamLink | undefined): ChainProblem[] => {
  const { streamId } = row;
  if (seen === undefined || row.revision > seen.revision) {
    const from = seen === undefined ? 0n : seen.revision + 1n;
    const revisions = from === row.revision ? `revision ${from}` : `revisions ${from}..${row.revision}`;
    return [
      {
        kind: 'removed',
        message: `removed event(s): stream ${streamId} ${revisions} missing (its stream row says revision ${row.revision}, the log ${seen === undefined ? 'has none of its events' : `ends at revision ${seen.revision}`})`,
        streamId,
        missingRevisions: { streamId, from, to: row.revision },
      },
    ];
  }
  if (row.revision < seen.revision)
    return [{ kind: 'stream-broken', message: `stream chain broken: stream ${streamId}'s row says revision ${row.revision} but the log has events up to revision ${seen.revision}`, streamId, revision: seen.revision }];
  if (!row.lastHash.equals(seen.hash))
    return [{ kind: 'stream-broken', message: `stream chain broken: stream ${streamId}'s row holds a last hash that is not its last event's (revision ${seen.revision})`, streamId, revision: seen.revision }];
  return [];
};
