import { describe, expect, it } from 'vitest';
import type { Update } from 'grammy/types';
import { createUpdateProcessor } from './process-update.ts';
import { createMemoryUpdateLedger } from './update-ledger.ts';

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const update = (id: number) => ({ update_id: id }) as Update;

describe('update dedup', () => {
  it('handles an update once; copies are duplicates', async () => {
    const handled: number[] = [];
    const process = createUpdateProcessor({ ledger: createMemoryUpdateLedger(), botId: () => 1, handle: async (u) => void handled.push(u.update_id), logger: silent });
    expect(await process(update(7))).toBe('handled');
    expect(await process(update(7))).toBe('duplicate');
    expect(await process(update(8))).toBe('handled');
    expect(handled).toEqual([7, 8]);
  });

  it('a copy arriving while the first is in flight is a duplicate', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let runs = 0;
    const process = createUpdateProcessor({ ledger: createMemoryUpdateLedger(), botId: () => 1, handle: async () => void (runs++, await gate), logger: silent });
    const first = process(update(1));
    expect(await process(update(1))).toBe('duplicate');
    release();
    expect(await first).toBe('handled');
    expect(runs).toBe(1);
  });

  it('a failed handling releases the claim so a redelivery retries', async () => {
    let attempts = 0;
    const process = createUpdateProcessor({
      ledger: createMemoryUpdateLedger(),
      botId: () => 1,
      handle: async () => {
        attempts++;
        if (attempts === 1) throw new Error('boom');
      },
      logger: silent,
    });
    await expect(process(update(3))).rejects.toThrow('boom');
    expect(await process(update(3))).toBe('handled');
    expect(await process(update(3))).toBe('duplicate');
  });

  it('a claim abandoned by a crash is taken over once stale; ids are per bot', async () => {
    let now = 0;
    const ledger = createMemoryUpdateLedger({ clock: () => new Date(now), staleAfterMs: 1000 });
    expect(await ledger.claim(1, 5)).toBe('claimed');
    now = 999;
    expect(await ledger.claim(1, 5)).toBe('duplicate');
    expect(await ledger.claim(2, 5)).toBe('claimed');
    now = 1000;
    expect(await ledger.claim(1, 5)).toBe('claimed');
    await ledger.complete(1, 5);
    now = 10_000_000;
    expect(await ledger.claim(1, 5)).toBe('duplicate');
  });
});
