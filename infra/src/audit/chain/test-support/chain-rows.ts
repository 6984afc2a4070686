// Test helper (not product code): logs chained as paygate_append chains them, to forge and verify.
import { eventContentHash, GENESIS, link, type ChainRow } from '../event-content.ts';
import type { StreamRow } from '../stream-rows.ts';
import type { LogHead } from '../chain-verifier.ts';

/** Test helper: what an event needs before it is chained. */
export type Unchained = Omit<ChainRow, 'streamHash' | 'chainHash' | 'position' | 'revision' | 'eventId' | 'recordedMicros' | 'metadata'> &
  Partial<Pick<ChainRow, 'position' | 'revision' | 'eventId' | 'recordedMicros' | 'metadata'>>;

const uuid = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/**
 * Chains rows exactly as paygate_append does: dense positions from `first`, revisions per stream,
 * stream and global hashes. Fields given in an event are kept (to forge odd rows).
 */
export const chainRows = (events: readonly Unchained[], from: { chain?: Buffer; first?: bigint; streams?: Map<string, { revision: bigint; hash: Buffer }> } = {}): ChainRow[] => {
  const streams = from.streams ?? new Map<string, { revision: bigint; hash: Buffer }>();
  let chain = from.chain ?? GENESIS;
  let position = from.first ?? 1n;
  return events.map((event, index) => {
    const previous = streams.get(event.streamId);
    const unhashed = {
      position: event.position ?? { commit: position, prepare: position },
      revision: event.revision ?? (previous ? previous.revision + 1n : 0n),
      eventId: event.eventId ?? uuid(Number(position) * 1000 + index),
      recordedMicros: event.recordedMicros ?? 1_765_000_000_000_000n + position,
      metadata: event.metadata ?? '{}',
      streamId: event.streamId,
      type: event.type,
      data: event.data,
    };
    position++;
    const content = eventContentHash(unhashed);
    const streamHash = link(previous?.hash ?? GENESIS, content);
    chain = link(chain, content);
    streams.set(event.streamId, { revision: unhashed.revision, hash: streamHash });
    return { ...unhashed, streamHash, chainHash: chain };
  });
};

/** The log head and stream rows paygate_append leaves after `rows`. */
export const headOf = (rows: readonly ChainRow[]): LogHead => {
  const last = rows.at(-1);
  return last ? { lastPosition: last.position.commit, lastHash: last.chainHash } : { lastPosition: 0n, lastHash: GENESIS };
};

export const streamRowsOf = (rows: readonly ChainRow[]): StreamRow[] => {
  const byStream = new Map<string, StreamRow>();
  for (const row of rows) byStream.set(row.streamId, { streamId: row.streamId, revision: row.revision, lastHash: row.streamHash });
  return [...byStream.values()].sort((a, b) => (a.streamId < b.streamId ? -1 : 1));
};

/** Five events over two streams: a-0 b-0 a-1 b-1 a-2 (positions 1..5). */
export const sampleLog = (): ChainRow[] =>
  chainRows([
    { streamId: 'a', type: 'Opened', data: '{"amount": "100"}' },
    { streamId: 'b', type: 'Opened', data: '{"amount": "7"}' },
    { streamId: 'a', type: 'Paid', data: '{"amount": "100", "memo": "žluťoučký 🐎"}' },
    { streamId: 'b', type: 'Paid', data: '{"amount": "7"}' },
    { streamId: 'a', type: 'Closed', data: '{}' },
  ]);
