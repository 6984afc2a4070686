import { describe, expect, it } from 'vitest';
import { createChainVerifier, type ChainReport, type LogHead } from './chain-verifier.ts';
import type { ChainRow } from './event-content.ts';
import type { StreamRow } from './stream-rows.ts';
import { chainRows, headOf, streamRowsOf } from './test-support/chain-rows.ts';

const verify = (rows: readonly ChainRow[], given: { head?: LogHead; streams?: StreamRow[] } = {}): ChainReport => {
  const verifier = createChainVerifier({ head: given.head ?? headOf(rows), at: '2026-12-07T19:00:00.000Z' });
  for (const row of rows) verifier.push(row);
  for (const row of given.streams ?? streamRowsOf(rows)) verifier.stream(row);
  return verifier.finish();
};

const first = (report: ChainReport) => report.problems[0]!;

describe('given a log written before migration 4, with {transaction id, sequence} positions', () => {
  const oldLog = () =>
    chainRows([
      { streamId: 'a', type: 'Opened', data: '{}', position: { commit: 700n, prepare: 1n } },
      { streamId: 'b', type: 'Opened', data: '{}', position: { commit: 700n, prepare: 2n } },
      { streamId: 'a', type: 'Paid', data: '{}', position: { commit: 712n, prepare: 3n } },
      { streamId: 'b', type: 'Paid', data: '{}', position: { commit: 715n, prepare: 4n } },
      { streamId: 'a', type: 'Closed', data: '{}', position: { commit: 716n, prepare: 716n } },
    ]);

  it('then it verifies clean, the first commit-ordered position following the last old one', () => {
    expect(verify(oldLog()).intact).toBe(true);
  });

  it('then a forged row between old ones is named as inserted because skipping it mends the chain', () => {
    const rows = oldLog();
    const forged = { ...rows[1]!, position: { commit: 705n, prepare: 9n }, streamId: 'c', revision: 0n, eventId: '00000000-0000-4000-8000-00000000eeee', chainHash: Buffer.alloc(32, 3) };
    const report = verify([...rows.slice(0, 2), forged, ...rows.slice(2)], { streams: streamRowsOf(rows) });
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'inserted', position: { commit: 705n, prepare: 9n }, streamId: 'c' })]);
  });

  it('then an event removed where positions have holes anyway is named by the chain and by its stream', () => {
    const rows = oldLog();
    const report = verify(rows.filter((_, i) => i !== 1), { head: headOf(rows), streams: streamRowsOf(rows) });
    expect(first(report)).toMatchObject({ kind: 'chain-broken', position: { commit: 712n, prepare: 3n } });
    expect(report.problems).toContainEqual(expect.objectContaining({ kind: 'removed', missingRevisions: { streamId: 'b', from: 0n, to: 0n } }));
  });
});
