import type { ChainRow } from './event-content.ts';

export type ChainPosition = { commit: bigint; prepare: bigint };

export type ProblemKind =
  /** The event's content no longer matches its stored hashes, or its hashes were recomputed after a change. */
  | 'altered'
  /** Events are missing: a hole in the positions and/or in a stream's revisions, or at the end. */
  | 'removed'
  /** An event that was never appended: skipping it makes the chain consistent again. */
  | 'inserted'
  /** The event is intact in `$all` but its stream chain or its stream row does not match. */
  | 'stream-broken'
  /** The chain breaks here and nothing narrower explains it. */
  | 'chain-broken'
  /** paygate_log_head does not match the last event. */
  | 'head-mismatch'
  /** The log no longer matches an anchor taken earlier. */
  | 'anchor-mismatch';

export type ChainProblem = {
  kind: ProblemKind;
  message: string;
  position?: ChainPosition;
  streamId?: string;
  revision?: bigint;
  eventId?: string;
  type?: string;
  /** For `removed`: the positions (inclusive) no longer in the log, where the hole shows them. */
  missingPositions?: { from: bigint; to: bigint };
  /** For `removed`: the stream revisions (inclusive) no longer in the log. */
  missingRevisions?: { streamId: string; from: bigint; to: bigint };
};

export const positionText = (position: ChainPosition): string =>
  position.commit === position.prepare ? `${position.commit}` : `${position.commit}/${position.prepare}`;

const rangeText = (from: bigint, to: bigint): string => (from === to ? `${from}` : `${from}..${to}`);

/** Where an event is, and which one: position, stream, revision, id and type. */
export const eventText = (row: Pick<ChainRow, 'position' | 'streamId' | 'revision' | 'eventId' | 'type'>): string =>
  `position ${positionText(row.position)} (stream ${row.streamId} revision ${row.revision}, event ${row.eventId}, ${row.type})`;

const about = (row: ChainRow) => ({
  position: row.position,
  streamId: row.streamId,
  revision: row.revision,
  eventId: row.eventId,
  type: row.type,
});

const LABEL: Record<ProblemKind, string> = {
  altered: 'altered event at',
  removed: 'removed event(s) before',
  inserted: 'inserted event at',
  'stream-broken': 'stream chain broken at',
  'chain-broken': 'chain broken at',
  'head-mismatch': 'log head mismatch at',
  'anchor-mismatch': 'anchor mismatch at',
};

export const problemAt = (kind: ProblemKind, row: ChainRow, what: string): ChainProblem => ({
  kind,
  message: `${LABEL[kind]} ${eventText(row)}: ${what}`,
  ...about(row),
});

/** Events missing before `row`: positions and/or revisions of `row`'s own stream. */
export const removedBefore = (
  row: ChainRow,
  positions: { from: bigint; to: bigint } | undefined,
  revisions: { from: bigint; to: bigint } | undefined,
): ChainProblem => {
  const parts = [
    ...(positions ? [`position${positions.from === positions.to ? '' : 's'} ${rangeText(positions.from, positions.to)}`] : []),
    ...(revisions ? [`stream ${row.streamId} revision${revisions.from === revisions.to ? '' : 's'} ${rangeText(revisions.from, revisions.to)}`] : []),
  ];
  return {
    kind: 'removed',
    message: `removed event(s): ${parts.join(', ')} missing before ${eventText(row)}`,
    ...about(row),
    ...(positions ? { missingPositions: positions } : {}),
    ...(revisions ? { missingRevisions: { streamId: row.streamId, ...revisions } } : {}),
  };
};

export const describeProblem = (problem: ChainProblem): string => problem.message;
