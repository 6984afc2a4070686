import { describe, expect, it } from 'vitest';
import { anchorLine, parseAnchors, type Anchor } from './anchors.ts';

const anchor: Anchor = { position: { commit: 100000n, prepare: 100000n }, chainHash: 'ab'.repeat(32), at: '2026-12-07T19:00:00.000Z', events: 100000 };

describe('anchors as JSON lines', () => {
  it('round-trip, sorted into log order, blank lines skipped', () => {
    const earlier: Anchor = { position: { commit: 5n, prepare: 5n }, chainHash: '01'.repeat(32), at: '2026-12-01T00:00:00Z' };
    expect(parseAnchors(`${anchorLine(anchor)}\n\n${anchorLine(earlier)}\n`)).toEqual([earlier, anchor]);
  });

  it.each([
    ['not json', 'line 1: not JSON'],
    ['{"position":{"commit":"1","prepare":"1"},"chainHash":"xyz","at":"2026-12-07T19:00:00Z"}', 'chainHash must be 64 lower-case hex digits'],
    [`{"position":{"commit":"-1","prepare":"1"},"chainHash":"${'ab'.repeat(32)}","at":"2026-12-07T19:00:00Z"}`, 'position.commit must be a non-negative whole number'],
    [`{"position":{"commit":"1","prepare":"1"},"chainHash":"${'ab'.repeat(32)}","at":"yesterday"}`, 'at must be an ISO 8601 time'],
    [`{"chainHash":"${'ab'.repeat(32)}","at":"2026-12-07T19:00:00Z"}`, 'position must be'],
  ])('reject %s with a message naming the line', (line, message) => {
    expect(() => parseAnchors(line)).toThrow(message);
  });
});
