import type { BroadcastSchedule, EventStore, TelegramGateway } from '@paygate/domain';
import { createInMemoryEventStore, testClock, type TestClock } from '@paygate/testkit';
import { telegramWorld, type TelegramWorld } from '../test-support/telegram-world.ts';
import { createBroadcastCommands, type BroadcastCommands } from './broadcast-commands.ts';
import type { BroadcastChannel, DueBroadcast, DueBroadcasts } from './broadcast-ports.ts';
import type { OccurrenceRunnerDeps } from './run-occurrence.ts';

/**
 * A channel with an owner, subscribers who started the bot, and broadcast commands over the
 * in-memory event store; Telegram is the sandbox through the real client. Shared by the
 * broadcast unit tests (not a test itself).
 */
export const broadcastWorld = (subscriberCount: number) => {
  const clock: TestClock = testClock('2026-01-10T12:00:00.000Z');
  const world: TelegramWorld = telegramWorld(clock);
  const eventStore: EventStore = createInMemoryEventStore();
  const channel: BroadcastChannel = {
    channelId: 'ch1',
    ownerId: world.ownerId,
    title: 'Alpha signals',
    tiers: [
      { tierId: 'monthly', name: 'Monthly', retired: false },
      { tierId: 'old', name: 'Old', retired: true },
    ],
  };
  const loadChannel = async (channelId: string) => (channelId === 'ch1' ? channel : undefined);
  const commands: BroadcastCommands = createBroadcastCommands({ eventStore, clock, loadChannel });
  const subscribers = Array.from({ length: subscriberCount }, (_, i) => world.newUser(`Sub ${i}`));
  const blocked: string[] = [];
  const known = new Set<string>();
  const due: DueBroadcasts = {
    // The read model's query, done from the streams for the unit tests.
    async due(now) {
      const state = await commands.loadBroadcasts('ch1');
      const items: DueBroadcast[] = [];
      for (const plan of state.broadcasts.values()) {
        if (plan.running !== undefined) items.push({ channelId: 'ch1', broadcastId: plan.broadcastId, running: plan.running });
        else if (plan.status === 'scheduled' && plan.nextAt !== undefined && Date.parse(plan.nextAt) <= now.getTime()) {
          items.push({ channelId: 'ch1', broadcastId: plan.broadcastId, nextAt: plan.nextAt });
        }
      }
      return items;
    },
  };
  const runner = (telegram: TelegramGateway = world.telegram, extra: Partial<OccurrenceRunnerDeps> = {}): OccurrenceRunnerDeps => ({
    eventStore,
    telegram,
    clock,
    botUsername: 'paygate_test_bot',
    commands,
    loadChannel,
    recipients: { activeSubscribers: async () => subscribers },
    blockedChats: { blocked: async ({ chatId }) => void blocked.push(chatId) },
    policy: { sleep: async () => undefined },
    chunkSize: 3,
    parallelChunks: 2,
    ...extra,
  });
  const owner = { channelId: 'ch1', requestedBy: world.ownerId };
  const plan = async (broadcastId: string, schedule: BroadcastSchedule, extra: { audience?: 'subscribers' | 'public_channel'; photo?: string } = {}) => {
    known.add(broadcastId);
    await commands.draftBroadcast({ ...owner, broadcastId, audience: extra.audience ?? 'subscribers', html: '<b>News</b> today', tierButtons: true, ...(extra.photo ? { photo: extra.photo } : {}) });
    await commands.scheduleBroadcast({ ...owner, broadcastId, schedule });
  };
  /** Broadcast messages each user got (not the owner's progress DMs). */
  const received = (userId: string) => world.sandbox.control.botMessages(Number(userId)).filter((m) => m.text === 'News today');
  return { clock, world, eventStore, commands, channel, subscribers, blocked, due, runner, owner, plan, received };
};
