import { describe, expect, it } from 'vitest';
import { DEAD_LETTERS_STREAM_ID, isPayGateError, notFoundError, type DeadLetter, type DeadLetters } from '@paygate/domain';
import { createInMemoryEventStore } from '@paygate/testkit';
import { discardDeadLetter, replayDeadLetter } from './dead-letter-actions.ts';

const letter = (id: string): DeadLetter => ({
  id,
  consumer: 'payment-pm',
  message: { id: `evt-${id}`, subject: 'paygate.events.payment.PaymentFinished', data: new Uint8Array([1]), headers: {}, deliveryCount: 5, sequence: 9n },
  error: 'boom',
  deadAt: new Date('2026-01-01T00:00:00Z'),
});

/** Dead letters in a map; `failNext` makes the next discard/replay fail once, as a lost broker reply would. */
const fakeDeadLetters = (...ids: string[]) => {
  const letters = new Map(ids.map((id) => [id, letter(id)]));
  const replayed: string[] = [];
  const state = { failNext: false };
  const take = (id: string) => {
    if (state.failNext) {
      state.failNext = false;
      throw new Error('broker down');
    }
    if (!letters.delete(id)) throw notFoundError('no such dead letter', { deadLetterId: id });
  };
  const deadLetters: DeadLetters = {
    list: async () => [...letters.values()],
    get: async (id) => letters.get(id) ?? Promise.reject(notFoundError('no such dead letter', { deadLetterId: id })),
    replay: async (id) => {
      take(id);
      replayed.push(id);
    },
    discard: async (id) => take(id),
  };
  return { deadLetters, letters, replayed, state };
};

const at = new Date('2026-02-03T04:05:06Z');

describe('dead-letter actions', () => {
  it('discard records who and why in the dead-letters stream, then removes the letter', async () => {
    const eventStore = createInMemoryEventStore();
    const { deadLetters, letters } = fakeDeadLetters('7');
    await discardDeadLetter({ eventStore, deadLetters }, '7', { by: 'alice', at, reason: 'poison message, fixed by hand' });
    expect(letters.size).toBe(0);
    const events = await eventStore.readStream(DEAD_LETTERS_STREAM_ID);
    expect(events.map((event) => [event.type, event.data])).toEqual([
      [
        'DeadLetterDiscarded',
        {
          deadLetterId: '7',
          consumer: 'payment-pm',
          messageId: 'evt-7',
          subject: 'paygate.events.payment.PaymentFinished',
          error: 'boom',
          reason: 'poison message, fixed by hand',
          by: 'alice',
          discardedAt: '2026-02-03T04:05:06.000Z',
        },
      ],
    ]);
  });

  it('a discard retried after the broker failed records the event once', async () => {
    const eventStore = createInMemoryEventStore();
    const { deadLetters, letters, state } = fakeDeadLetters('7', '8');
    state.failNext = true;
    await expect(discardDeadLetter({ eventStore, deadLetters }, '7', { by: 'alice', at, reason: 'r' })).rejects.toThrow('broker down');
    expect(letters.has('7')).toBe(true);
    await discardDeadLetter({ eventStore, deadLetters }, '7', { by: 'alice', at: new Date(at.getTime() + 1000), reason: 'r' });
    await discardDeadLetter({ eventStore, deadLetters }, '8', { by: 'bob', at, reason: 'r' });
    const events = await eventStore.readStream(DEAD_LETTERS_STREAM_ID);
    expect(events.map((event) => (event.data as { deadLetterId: string }).deadLetterId)).toEqual(['7', '8']);
  });

  it('replay delivers, then records DeadLetterReplayed', async () => {
    const eventStore = createInMemoryEventStore();
    const { deadLetters, replayed } = fakeDeadLetters('3');
    await replayDeadLetter({ eventStore, deadLetters }, '3', { by: 'alice', at });
    expect(replayed).toEqual(['3']);
    const [event] = await eventStore.readStream(DEAD_LETTERS_STREAM_ID);
    expect(event).toMatchObject({ type: 'DeadLetterReplayed', data: { deadLetterId: '3', by: 'alice', replayedAt: at.toISOString() } });
  });

  it('an unknown id is not_found and records nothing', async () => {
    const eventStore = createInMemoryEventStore();
    const { deadLetters } = fakeDeadLetters('1');
    for (const act of [
      () => discardDeadLetter({ eventStore, deadLetters }, '99', { by: 'alice', at, reason: 'r' }),
      () => replayDeadLetter({ eventStore, deadLetters }, '99', { by: 'alice', at }),
    ]) {
      const error = await act().catch((caught: unknown) => caught);
      expect(isPayGateError(error) && error.kind).toBe('not_found');
    }
    expect(await eventStore.readStream(DEAD_LETTERS_STREAM_ID)).toEqual([]);
  });
});
