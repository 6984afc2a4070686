import { describe, expect, it } from 'vitest';
import type { EventStore } from '@paygate/domain';
import { createInMemoryEventStore } from '@paygate/testkit';
import { executeSubscriptionCommand, executeSubscriptionCommandOn, loadSubscriptionAt } from './subscription-store.ts';

// Commands on a subscription state already read: one append and no read while nobody else
// writes, the ordinary read-decide-append when someone did.

const STREAM = 'subscription-ch1-42';
const T0 = '2026-01-01T00:00:00.000Z';

const claim = (invoiceId: string, claimId: string) =>
  ({
    type: 'RequestInviteLink',
    data: { channelId: 'ch1', subscriberId: '42', invoiceId, paymentId: `p-${invoiceId}`, claimId, requestedAt: T0, leaseSeconds: 60 },
  }) as const;

const countingReads = (eventStore: EventStore) => {
  const reads: string[] = [];
  const counted: EventStore = { ...eventStore, readStream: (streamId, options) => (reads.push(streamId), eventStore.readStream(streamId, options)) };
  return { eventStore: counted, reads };
};

describe('executeSubscriptionCommandOn', () => {
  it('given a state read once, when commands run each on the state the last one left, then nothing is read again and the events are those the ordinary path appends', async () => {
    const { eventStore, reads } = countingReads(createInMemoryEventStore());
    const first = await executeSubscriptionCommandOn(eventStore, await loadSubscriptionAt(eventStore, 'ch1', '42'), claim('inv_1', 'w1'));
    const second = await executeSubscriptionCommandOn(eventStore, first, claim('inv_2', 'w1'));

    expect(reads).toEqual([STREAM]);
    expect([first.revision, second.revision]).toEqual([0n, 1n]);
    expect([...second.state.linkRequests.keys()]).toEqual(['inv_1', 'inv_2']);
    const ordinary = createInMemoryEventStore();
    await executeSubscriptionCommand(ordinary, claim('inv_1', 'w1'));
    await executeSubscriptionCommand(ordinary, claim('inv_2', 'w1'));
    const ids = async (store: EventStore) => (await store.readStream(STREAM)).map((event) => [event.type, event.id]);
    expect(await ids(eventStore)).toEqual(await ids(ordinary));
  });

  it('given a state another worker has since written past, when a command runs on it, then it is decided again on the stream as it is', async () => {
    const eventStore = createInMemoryEventStore();
    const stale = await loadSubscriptionAt(eventStore, 'ch1', '42');
    await executeSubscriptionCommand(eventStore, claim('inv_2', 'w2'));

    const result = await executeSubscriptionCommandOn(eventStore, stale, claim('inv_1', 'w1'));

    expect(result.revision).toBe(1n);
    expect([...result.state.linkRequests.keys()].sort()).toEqual(['inv_1', 'inv_2']);
    expect((await eventStore.readStream(STREAM)).map((event) => event.type)).toEqual(['InviteLinkRequested', 'InviteLinkRequested']);
  });

  it("given a state that refuses (another worker's fresh claim), when that worker has since granted, then the fresh stream's answer counts: nothing to do", async () => {
    const eventStore = createInMemoryEventStore();
    await executeSubscriptionCommand(eventStore, claim('inv_1', 'w2'));
    const known = await loadSubscriptionAt(eventStore, 'ch1', '42');
    const grant = { channelId: 'ch1', subscriberId: '42', invoiceId: 'inv_1', paymentId: 'p-inv_1', tierId: 'monthly', chatId: '-100777', durationDays: 30 };
    const link = { inviteLink: 'https://t.me/+w2', linkName: 'pg1-inv_1', linkExpiresAt: '2026-01-02T00:00:00.000Z', grantedAt: T0, graceSeconds: 86_400 };
    await executeSubscriptionCommand(eventStore, { type: 'GrantAccess', data: { ...grant, ...link } });

    const result = await executeSubscriptionCommandOn(eventStore, known, claim('inv_1', 'w1'));

    expect(result.events).toEqual([]);
    expect(result.state.grants.get('inv_1')?.inviteLink).toBe('https://t.me/+w2');
    expect(result.revision).toBe(2n);
  });

  it("given a stale state, when the fresh stream holds another worker's claim on the same invoice, then the decider's refusal stands and nothing is appended", async () => {
    const eventStore = createInMemoryEventStore();
    const stale = await loadSubscriptionAt(eventStore, 'ch1', '42');
    await executeSubscriptionCommand(eventStore, claim('inv_1', 'w2'));

    await expect(executeSubscriptionCommandOn(eventStore, stale, claim('inv_1', 'w1'))).rejects.toMatchObject({ kind: 'conflict' });

    expect(await eventStore.readStream(STREAM)).toHaveLength(1);
  });
});
