import { describe, expect, it } from 'vitest';
import { createMemoryStream } from './memory-stream.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('memory stream', () => {
  it('deduplicates a msgId only within the window', () => {
    let now = 0;
    const stream = createMemoryStream({ duplicateWindowMs: 1_000, maxMessages: 100, now: () => now });
    expect(stream.append('a.b', bytes('1'), { msgId: 'm' })).toEqual({ sequence: 1n, duplicate: false });
    now = 999;
    expect(stream.append('a.b', bytes('1'), { msgId: 'm' })).toEqual({ sequence: 1n, duplicate: true });
    now = 1_000;
    expect(stream.append('a.b', bytes('1'), { msgId: 'm' })).toEqual({ sequence: 2n, duplicate: false });
  });

  it('stores a copy of the published bytes', () => {
    const stream = createMemoryStream({ duplicateWindowMs: 1_000, maxMessages: 100 });
    const data = bytes('abc');
    stream.append('a.b', data, { msgId: 'm' });
    data[0] = 0;
    expect(new TextDecoder().decode(stream.get(1n)!.data)).toBe('abc');
  });

  it('discards the oldest messages beyond maxMessages, keeping sequences', () => {
    const stream = createMemoryStream({ duplicateWindowMs: 1_000, maxMessages: 8 });
    for (let n = 1; n <= 9; n++) stream.append('a.b', bytes(String(n)), { msgId: `m${n}` });
    expect(stream.firstSequence()).toBe(2n);
    expect(stream.lastSequence()).toBe(9n);
    expect(stream.get(1n)).toBeUndefined();
    expect(new TextDecoder().decode(stream.get(9n)!.data)).toBe('9');
  });
});
