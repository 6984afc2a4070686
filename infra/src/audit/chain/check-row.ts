import { eventContentHash, link, type ChainRow } from './event-content.ts';

export type StreamLink = { revision: bigint; hash: Buffer };

/** Where the verifier stands: the last event it accepted and what the next one must link to. */
export type ChainState = {
  chain: Buffer;
  last: ChainRow | undefined;
  /** The stream's last accepted event, or undefined for a stream not seen yet. */
  stream(streamId: string): StreamLink | undefined;
};

export type RowCheck = {
  row: ChainRow;
  content: Buffer;
  /** What the row's chain hash should be after the last accepted event. */
  expectedChain: Buffer;
  chainOk: boolean;
  /** The stored stream hash links the row's content to its stream's previous event. */
  streamHashOk: boolean;
  /** Revisions missing between the stream's last accepted event and this one. */
  revisionGap: { from: bigint; to: bigint } | undefined;
  /** The revision is not after the stream's last accepted one. */
  revisionBack: boolean;
  /** Positions missing between the last accepted event and this one (commit-ordered positions are dense). */
  positionGap: { from: bigint; to: bigint } | undefined;
  /** A position paygate_append never hands out here. */
  positionOdd: boolean;
};

const dense = (row: ChainRow): boolean => row.position.commit === row.position.prepare;

/*
 * Since migration 4 a position is {n, n}, n = previous + 1 (the first is 1 on a fresh log, or the
 * largest old transaction id + 1 after older rows, whose positions are {xid, sequence}).
 */
const positionCheck = (last: ChainRow | undefined, row: ChainRow): Pick<RowCheck, 'positionGap' | 'positionOdd'> => {
  const ok = { positionGap: undefined, positionOdd: false };
  const commit = row.position.commit;
  if (last === undefined) return dense(row) && commit > 1n ? { positionGap: { from: 1n, to: commit - 1n }, positionOdd: false } : ok;
  if (!dense(row)) return dense(last) ? { positionGap: undefined, positionOdd: true } : ok;
  if (commit === last.position.commit + 1n) return ok;
  if (commit > last.position.commit + 1n) return { positionGap: { from: last.position.commit + 1n, to: commit - 1n }, positionOdd: false };
  return { positionGap: undefined, positionOdd: true };
};

export const checkRow = (state: ChainState, row: ChainRow): RowCheck => {
  const content = eventContentHash(row);
  const expectedChain = link(state.chain, content);
  const previous = state.stream(row.streamId);
  const expectedRevision = (previous?.revision ?? -1n) + 1n;
  return {
    row,
    content,
    expectedChain,
    chainOk: expectedChain.equals(row.chainHash),
    streamHashOk: link(previous?.hash ?? Buffer.alloc(32), content).equals(row.streamHash),
    revisionGap: row.revision > expectedRevision ? { from: expectedRevision, to: row.revision - 1n } : undefined,
    revisionBack: row.revision < expectedRevision,
    ...positionCheck(state.last, row),
  };
};

export const rowIsClean = (check: RowCheck): boolean =>
  check.chainOk && check.streamHashOk && !check.revisionGap && !check.revisionBack && !check.positionGap && !check.positionOdd;
