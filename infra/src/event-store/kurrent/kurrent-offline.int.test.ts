import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readerOf } from '../contract/helpers.ts';
import { createKurrentEventStore } from './index.ts';

// Runs without a KurrentDB server: what callers see when it is unreachable.
describe('KurrentDB adapter without a server', () => {
  it('rejects a malformed connection string as a validation error', () => {
    expect(() => createKurrentEventStore({ connectionString: 'nonsense' })).toThrow(expect.objectContaining({ kind: 'validation' }));
  });

  it('reports an unreachable server as unavailable, and a retrying subscription still closes', async () => {
    const store = createKurrentEventStore({ connectionString: 'kurrentdb://127.0.0.1:1?tls=false' });
    try {
      await expect(store.append('s', [{ id: randomUUID(), type: 'T', data: {} }])).rejects.toMatchObject({ kind: 'unavailable' });
      await expect(store.readAll({ maxCount: 1 })).rejects.toMatchObject({ kind: 'unavailable' });
      await expect(store.readStream('s')).rejects.toMatchObject({ kind: 'unavailable' });
      await expect(store.ping()).rejects.toMatchObject({ kind: 'unavailable' });
      const subscription = store.subscribeToAll();
      const reader = readerOf(subscription);
      expect(await reader.quiet(['s'], 500)).toBe('quiet');
      await subscription.close();
      expect(await reader.ended(3_000)).toBe(true);
    } finally {
      await store.close();
    }
  });
});
