import { describe, expect, it } from 'vitest';
import type { Anchor } from './anchors.ts';
import { createChainVerifier, type ChainReport, type LogHead } from './chain-verifier.ts';
import { eventContentHash, link, type ChainRow } from './event-content.ts';
import type { StreamRow } from './stream-rows.ts';
import { chainRows, headOf, sampleLog, streamRowsOf } from './test-support/chain-rows.ts';

const AT = '2026-12-07T19:00:00.000Z';

const verify = (rows: readonly ChainRow[], given: { head?: LogHead; streams?: StreamRow[]; anchors?: Anchor[]; anchorEvery?: number } = {}): ChainReport => {
  const verifier = createChainVerifier({ head: given.head ?? headOf(rows), at: AT, anchors: given.anchors ?? [], anchorEvery: given.anchorEvery ?? 0 });
  for (const row of rows) verifier.push(row);
  for (const row of given.streams ?? streamRowsOf(rows)) verifier.stream(row);
  return verifier.finish();
};

const first = (report: ChainReport) => report.problems[0]!;
const at = (commit: bigint) => ({ commit, prepare: commit });

describe('given an untouched log', () => {
  it('then the chain is intact, with an anchor every N events and the head', () => {
    const rows = sampleLog();
    const report = verify(rows, { anchorEvery: 2 });
    expect(report).toMatchObject({ intact: true, events: 5, streams: 2, problems: [], anchorsChecked: 0 });
    expect(report.anchors.map((a) => [a.position.commit, a.events])).toEqual([[2n, 2], [4n, 4]]);
    expect(report.head).toEqual({ position: at(5n), chainHash: rows[4]!.chainHash.toString('hex'), at: AT, events: 5 });
  });

  it('then the anchors it emitted check clean on a second run', () => {
    const rows = sampleLog();
    const anchors = [...verify(rows, { anchorEvery: 2 }).anchors, verify(rows).head!];
    expect(verify(rows, { anchors })).toMatchObject({ intact: true, anchorsChecked: 3 });
  });

  it('then an empty log with a fresh head is intact', () => {
    expect(verify([])).toMatchObject({ intact: true, events: 0, head: null });
  });
});

describe('when an event is altered', () => {
  it('then its data change is named with its position, stream, revision, id and type', () => {
    const rows = sampleLog();
    rows[3] = { ...rows[3]!, data: '{"amount": "700"}' };
    const report = verify(rows);
    expect(report.problems).toHaveLength(1);
    expect(first(report)).toMatchObject({ kind: 'altered', position: at(4n), streamId: 'b', revision: 1n, eventId: rows[3]!.eventId, type: 'Paid' });
    expect(first(report).message).toMatch(/^altered event at position 4 \(stream b revision 1, event .+, Paid\): its content no longer matches/);
  });

  it('then the last event altered is caught too', () => {
    const rows = sampleLog();
    rows[4] = { ...rows[4]!, metadata: '{"correlationId": "x"}' };
    expect(first(verify(rows))).toMatchObject({ kind: 'altered', position: at(5n) });
  });

  it('then a changed recorded time is an alteration', () => {
    const rows = sampleLog();
    rows[1] = { ...rows[1]!, recordedMicros: rows[1]!.recordedMicros + 1n };
    expect(first(verify(rows))).toMatchObject({ kind: 'altered', position: at(2n) });
  });

  it('then an event changed and re-hashed is named when the next one no longer links to it', () => {
    const rows = sampleLog();
    const streamB = new Map([['b', { revision: 0n, hash: rows[1]!.streamHash }]]);
    const { eventId, recordedMicros } = rows[3]!;
    rows[3] = chainRows([{ streamId: 'b', type: 'Paid', data: '{"amount": "700"}', eventId, recordedMicros }], { chain: rows[2]!.chainHash, first: 4n, streams: streamB })[0]!;
    const report = verify(rows, { head: headOf(sampleLog()), streams: streamRowsOf(sampleLog()) });
    expect(first(report)).toMatchObject({ kind: 'altered', position: at(4n), streamId: 'b' });
    expect(first(report).message).toMatch(/hashes recomputed: the next event, at position 5/);
  });

  it('then a changed chain hash column is named as such', () => {
    const rows = sampleLog();
    rows[2] = { ...rows[2]!, chainHash: Buffer.alloc(32, 1) };
    expect(first(verify(rows))).toMatchObject({ kind: 'altered', position: at(3n), message: expect.stringMatching(/stored chain hash was changed/) });
  });

  it('then a changed stream hash is a broken stream chain', () => {
    const rows = sampleLog();
    rows[2] = { ...rows[2]!, streamHash: Buffer.alloc(32, 1) };
    expect(first(verify(rows, { streams: streamRowsOf(sampleLog()) }))).toMatchObject({ kind: 'stream-broken', position: at(3n), streamId: 'a' });
  });
});

describe('when events are removed', () => {
  it('then a hole in the positions and the stream revision are named', () => {
    const rows = sampleLog();
    const report = verify(rows.filter((_, i) => i !== 2), { head: headOf(rows), streams: streamRowsOf(rows) });
    expect(first(report)).toMatchObject({ kind: 'removed', missingPositions: { from: 3n, to: 3n } });
    // The removed event was stream a's revision 1: named where stream a goes on.
    expect(report.problems).toContainEqual(expect.objectContaining({ kind: 'removed', missingRevisions: { streamId: 'a', from: 1n, to: 1n } }));
  });

  it('then a run of removed events is named as a range', () => {
    const rows = sampleLog();
    const report = verify([rows[0]!, rows[4]!], { head: headOf(rows), streams: streamRowsOf(rows) });
    expect(first(report)).toMatchObject({ kind: 'removed', position: at(5n), missingPositions: { from: 2n, to: 4n }, missingRevisions: { streamId: 'a', from: 1n, to: 1n } });
  });

  it('then events removed from the end are named from the log head', () => {
    const rows = sampleLog();
    const report = verify(rows.slice(0, 3), { head: headOf(rows), streams: streamRowsOf(rows) });
    expect(first(report)).toMatchObject({ kind: 'removed', missingPositions: { from: 4n, to: 5n } });
    expect(report.problems).toContainEqual(expect.objectContaining({ missingRevisions: { streamId: 'b', from: 1n, to: 1n } }));
  });

  it('then the first events removed are caught', () => {
    const rows = sampleLog();
    expect(first(verify(rows.slice(2), { head: headOf(rows) }))).toMatchObject({ kind: 'removed', missingPositions: { from: 1n, to: 2n } });
  });
});

describe('when an event is inserted', () => {
  const forge = (rows: ChainRow[], validLink: boolean): ChainRow[] => {
    // Between positions 3 and 4, at {3, 4}: a new stream's first event.
    const unhashed = { position: { commit: 3n, prepare: 4n }, streamId: 'c', revision: 0n, eventId: '00000000-0000-4000-8000-00000000ffff', type: 'Paid', data: '{"amount": "1000000"}', metadata: '{}', recordedMicros: rows[2]!.recordedMicros };
    const content = eventContentHash(unhashed);
    const chainHash = validLink ? link(rows[2]!.chainHash, content) : Buffer.alloc(32, 7);
    return [...rows.slice(0, 3), { ...unhashed, streamHash: link(Buffer.alloc(32), content), chainHash }, ...rows.slice(3)];
  };

  it('then a forged row with a made-up hash is named', () => {
    const rows = forge(sampleLog(), false);
    const report = verify(rows, { streams: streamRowsOf(sampleLog()) });
    expect(first(report)).toMatchObject({ kind: 'inserted', position: { commit: 3n, prepare: 4n }, streamId: 'c', revision: 0n, type: 'Paid' });
    expect(report.problems.every((p) => p.kind === 'inserted')).toBe(true);
  });

  it('then a forged row that links to the one before it is named when the next one links past it', () => {
    const report = verify(forge(sampleLog(), true), { streams: streamRowsOf(sampleLog()) });
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'inserted', position: { commit: 3n, prepare: 4n }, streamId: 'c' })]);
    expect(report.events).toBe(5);
  });

  it('then a row appended past the log head is named', () => {
    const rows = sampleLog();
    const extra = chainRows([{ streamId: 'a', type: 'Paid', data: '{}' }], { chain: rows[4]!.chainHash, first: 6n })[0]!;
    expect(first(verify([...rows, extra], { head: headOf(rows), streams: streamRowsOf(rows) }))).toMatchObject({ kind: 'inserted', position: at(6n) });
  });
});

describe('when the tail is rewritten with every hash recomputed', () => {
  const rewritten = () => {
    const original = sampleLog();
    const events = original.map(({ streamId, type, data }) => ({ streamId, type, data }));
    events[3] = { ...events[3]!, data: '{"amount": "700"}' };
    return { original, rows: chainRows(events) };
  };

  it('then the chain alone cannot tell', () => {
    expect(verify(rewritten().rows).intact).toBe(true);
  });

  it('then an anchor taken before the change catches it, and the one before that still matches', () => {
    const { original, rows } = rewritten();
    const anchors = verify(original, { anchorEvery: 2 }).anchors;
    const report = verify(rows, { anchors });
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'anchor-mismatch', position: at(4n) })]);
    expect(first(report).message).toMatch(/after position 2 \(the last anchor that matches\) and at or before it/);
  });

  it('then an anchor past the end of a shortened log is caught', () => {
    const { original } = rewritten();
    const anchors = [verify(original).head!];
    const shorter = chainRows(original.slice(0, 3).map(({ streamId, type, data }) => ({ streamId, type, data })));
    expect(first(verify(shorter, { anchors }))).toMatchObject({ kind: 'anchor-mismatch', message: expect.stringMatching(/no longer in the log/) });
  });
});

describe('when the log head or a stream row does not match', () => {
  it('then a changed head hash is a head mismatch', () => {
    const rows = sampleLog();
    expect(first(verify(rows, { head: { lastPosition: 5n, lastHash: Buffer.alloc(32, 2) } }))).toMatchObject({ kind: 'head-mismatch', position: at(5n) });
  });

  it('then a stream row ahead of its events names the missing revisions', () => {
    const rows = sampleLog();
    const streams = streamRowsOf(rows).map((s) => (s.streamId === 'b' ? { ...s, revision: 3n } : s));
    expect(verify(rows, { streams }).problems).toEqual([expect.objectContaining({ kind: 'removed', missingRevisions: { streamId: 'b', from: 2n, to: 3n } })]);
  });

  it('then a stream with events but no stream row is named', () => {
    const rows = sampleLog();
    expect(verify(rows, { streams: streamRowsOf(rows).slice(0, 1) }).problems).toEqual([expect.objectContaining({ kind: 'stream-broken', streamId: 'b' })]);
  });
});
