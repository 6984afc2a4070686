import { describe, expect, it } from 'vitest';
import type { GlobalPosition, RecordedEvent } from '@paygate/domain';
import { sharePageReads } from './shared-page-reads.ts';

const at = (prepare: bigint): GlobalPosition => ({ commit: 1n, prepare });

describe('sharePageReads', () => {
  it('runs one read for identical concurrent requests, gives each caller its own array, and caches nothing', async () => {
    let reads = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const shared = sharePageReads(async (after) => {
      reads++;
      await gate;
      return [{ id: `e${after.prepare}` } as RecordedEvent];
    });
    const pending = [shared(at(5n), 100), shared(at(5n), 100), shared(at(6n), 100), shared(at(5n), 50)];
    release();
    const [a, b, c, d] = await Promise.all(pending);
    expect(reads).toBe(3); // (5,100) once, (6,100), (5,50)
    expect(a).toEqual(b);
    expect(a).not.toBe(b);
    a!.shift();
    expect(b).toHaveLength(1);
    expect(c![0]!.id).toBe('e6');
    expect(d).toHaveLength(1);
    await shared(at(5n), 100);
    expect(reads).toBe(4); // a later request reads again
  });

  it('shares a failure with the callers of that read only, then reads afresh', async () => {
    let calls = 0;
    const shared = sharePageReads(async () => {
      calls++;
      if (calls === 1) throw new Error('db down');
      return [];
    });
    await expect(Promise.all([shared(at(1n), 10), shared(at(1n), 10)])).rejects.toThrow('db down');
    await expect(shared(at(1n), 10)).resolves.toEqual([]);
    expect(calls).toBe(2);
  });
});
