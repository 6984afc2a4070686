import { randomUUID } from 'node:crypto';
import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import { createBroadcastCommands, createSessionService, handleCommand } from '@paygate/commands';
import {
  channelDecider,
  channelStreamId,
  findTier,
  foldEvents,
  invoiceDecider,
  invoiceSnapshot,
  invoiceStreamId,
  money,
  moneyFromJson,
  paymentDecider,
  paymentStreamId,
  splitDecider,
  splitStreamId,
  subscriptionDecider,
  subscriptionStreamId,
  inviteLinkName,
  unmatchedPaymentDecider,
  unmatchedPaymentStreamId,
  type ChannelEvent,
  type Decider,
  comparePositions,
  type EventStore,
  type GlobalPosition,
  type InvoiceEvent,
  type PaymentEvent,
  type PaymentNotice,
  type PaymentStatus,
} from '@paygate/domain';
import { createProjectionRunner, readModelProjections, type AnyKysely, type ProjectionRunner } from '@paygate/projections';
import { createTestDatabase, type TestDatabase } from '@paygate/testkit';
import { createPostgresEventStore, migrateEventStore } from '../event-store/index.ts';
import { createPool } from '../postgres/index.ts';

export const LIVE_SCHEMA = 'read_model';

/**
 * A real PostgreSQL event store with every read-model projection running live in LIVE_SCHEMA,
 * and commands that go through the domain deciders (so every event is one the product would append).
 */
export type ReadSideHarness = {
  pool: pg.Pool;
  db: AnyKysely;
  eventStore: EventStore;
  runners: ProjectionRunner[];
  commands: ScenarioCommands;
  /** Resolves once every projection has applied everything appended so far. */
  settle(): Promise<void>;
  close(): Promise<void>;
};

export type ScenarioCommands = ReturnType<typeof createScenarioCommands>;

const streamEvents = async <Event>(eventStore: EventStore, streamId: string): Promise<Event[]> =>
  (await eventStore.readStream(streamId)).map((event) => ({ type: event.type, data: event.data }) as Event);

/** Commands as the real handlers would issue them; `at` is a deterministic, increasing clock. */
export const createScenarioCommands = (eventStore: EventStore) => {
  let minute = 0;
  const at = () => new Date(Date.UTC(2026, 0, 1, 0, minute++)).toISOString();
  const run = <Command, Event extends { type: string; data: unknown }, State>(
    decider: Decider<Command, Event, State>,
    streamId: string,
    command: Command,
  ) =>
    handleCommand<State, Event>({
      eventStore,
      streamId,
      initialState: () => decider.initialState,
      evolve: decider.evolve,
      decide: (state) => decider.decide(command, state),
    });

  return {
    /** Dashboard logins through the session service (the dashboard_sessions read model). */
    sessions: createSessionService({ eventStore, clock: () => new Date(at()) }),
    /** Owner broadcasts and subscriber opt-outs through the broadcast commands (the broadcasts read model). */
    broadcasts: createBroadcastCommands({ eventStore, clock: () => new Date(at()) }),
    registerChannel: (channelId: string, title: string, ownerId = '1001') =>
      run(channelDecider, channelStreamId(channelId), {
        type: 'RegisterChannel',
        data: { channelId, chatId: '-1001234567890', ownerId, title, registeredAt: at() },
      }),
    priceTier: (channelId: string, tierId: string, name: string, cents: bigint, durationDays = 30) =>
      run(channelDecider, channelStreamId(channelId), {
        type: 'PriceTier',
        data: { channelId, tierId, name, price: money(cents, 'USD'), durationDays, pricedAt: at() },
      }),
    retireTier: (channelId: string, tierId: string) =>
      run(channelDecider, channelStreamId(channelId), { type: 'RetireTier', data: { channelId, tierId, retiredAt: at() } }),
    createInvoice: async (invoiceId: string, channelId: string, tierId: string, subscriberId = '2002') => {
      const channel = foldEvents(channelDecider, await streamEvents<ChannelEvent>(eventStore, channelStreamId(channelId)));
      return run(invoiceDecider, invoiceStreamId(invoiceId), {
        type: 'CreateInvoice',
        data: { invoiceId, channelId, tierId, subscriberId, tier: findTier(channel, tierId), createdAt: at() },
      });
    },
    linkInvoice: (invoiceId: string) =>
      run(invoiceDecider, invoiceStreamId(invoiceId), {
        type: 'LinkInvoice',
        data: { invoiceId, providerInvoiceId: `np-${invoiceId}`, invoiceUrl: `https://nowpayments.io/payment/?iid=np-${invoiceId}`, linkedAt: at() },
      }),
    /** One verified IPN; goes to the invoice's payment stream, or to the unmatched ones when the order is unknown. */
    ipn: async (paymentId: string, orderId: string | null, status: PaymentStatus, patch: Partial<PaymentNotice> = {}) => {
      const notice: PaymentNotice = {
        paymentId,
        orderId,
        status,
        priceAmount: 12.5,
        priceCurrency: 'usd',
        actuallyPaid: 49.71,
        payCurrency: 'usdttrc20',
        outcomeAmount: 49.2129,
        outcomeCurrency: 'usdttrc20',
        receivedAt: at(),
        ...patch,
      };
      const invoice =
        orderId === null ? null : invoiceSnapshot(foldEvents(invoiceDecider, await streamEvents<InvoiceEvent>(eventStore, invoiceStreamId(orderId))));
      if (invoice === null) {
        return run(unmatchedPaymentDecider, unmatchedPaymentStreamId(paymentId), { type: 'RecordUnmatchedPayment', data: { notice } });
      }
      return run(paymentDecider, paymentStreamId(paymentId), { type: 'RecordPaymentStatus', data: { notice, invoice } });
    },
    /** What the split manager does on PaymentReceived: split its outcome at `feeBps`. */
    split: async (paymentId: string, feeBps: number, ownerId = '1001') => {
      const events = await streamEvents<PaymentEvent>(eventStore, paymentStreamId(paymentId));
      const received = events.find((event) => event.type === 'PaymentReceived');
      if (received?.type !== 'PaymentReceived') throw new Error(`payment ${paymentId} was not received`);
      const { invoiceId, channelId, outcome } = received.data;
      return run(splitDecider, splitStreamId(paymentId), {
        type: 'CalculateSplit',
        data: { paymentId, invoiceId, channelId, ownerId, gross: moneyFromJson(outcome), feeBps, calculatedAt: at() },
      });
    },
    /** A payment's owner share paid out on its own, as recorded: batch started, payout started, sent (raw events, not the deciders). */
    payOut: async (paymentId: string) => {
      const split = (await eventStore.readStream(splitStreamId(paymentId)))[0];
      if (split?.type !== 'SplitCalculated') throw new Error(`payment ${paymentId} was not split`);
      const { channelId, ownerId, ownerShare: amount } = split.data as { channelId: string; ownerId: string; ownerShare: { currency: string } };
      const payoutId = `${channelId}-${amount.currency.toLowerCase()}-1`;
      const wallet = { address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', network: 'polygon', currency: 'USDTMATIC' };
      const record = (streamId: string, type: string, data: Record<string, unknown>) => eventStore.append(streamId, [{ id: randomUUID(), type, data, metadata: {} }]);
      const paymentIds = [paymentId];
      await record(`payout-accumulation-${channelId}-${amount.currency.toLowerCase()}`, 'BatchPayoutStarted', { channelId, payoutId, amount, paymentIds, startedAt: at() });
      await record(`payout-${payoutId}`, 'PayoutStarted', { payoutId, paymentIds, channelId, ownerId, amount, wallet, route: 'swap', startedAt: at() });
      const payoutHash = `0x${'ab'.repeat(32)}`;
      await record(`payout-${payoutId}`, 'PayoutSent', { payoutId, channelId, ownerId, amount, payoutHash, received: { amount: '47000000', currency: 'USDTMATIC', decimals: 6 }, sentAt: at() });
    },
    /** What the access manager does on PaymentReceived: claim the link, then record the grant. */
    grantAccess: async (channelId: string, subscriberId: string, invoiceId: string, paymentId: string, durationDays = 30) => {
      const streamId = subscriptionStreamId(channelId, subscriberId);
      const pair = { channelId, subscriberId };
      await run(subscriptionDecider, streamId, {
        type: 'RequestInviteLink',
        data: { ...pair, invoiceId, paymentId, claimId: `claim-${invoiceId}`, requestedAt: at(), leaseSeconds: 60 },
      });
      const grantedAt = at();
      return run(subscriptionDecider, streamId, {
        type: 'GrantAccess',
        data: {
          ...pair,
          invoiceId,
          paymentId,
          tierId: 'basic',
          chatId: '-1001234567890',
          durationDays,
          inviteLink: `https://t.me/+${invoiceId}`,
          linkName: inviteLinkName(invoiceId, 1),
          linkExpiresAt: new Date(Date.parse(grantedAt) + 86_400_000).toISOString(),
          grantedAt,
          graceSeconds: 86_400,
        },
      });
    },
  };
};

/**
 * Remembers the position of the latest append. `$all` is read only below the oldest transaction
 * open on the server, and other suites share it, so "the last event readAll shows" can lag behind
 * what we appended; waiting for our own last append's position is exact.
 */
const recordingAppends = (store: EventStore) => {
  let last: GlobalPosition | undefined;
  const eventStore: EventStore = {
    ...store,
    append: async (streamId, events, options) => {
      const result = await store.append(streamId, events, options);
      if (!last || comparePositions(result.position, last) > 0) last = result.position;
      return result;
    },
  };
  return { eventStore, lastAppended: () => last };
};

export const startReadSide = async (prefix: string): Promise<ReadSideHarness & { database: TestDatabase }> => {
  const database = await createTestDatabase(prefix);
  const pool = createPool(database.url, { max: 8 });
  await migrateEventStore(pool);
  const { eventStore, lastAppended } = recordingAppends(createPostgresEventStore({ pool, pollIntervalMs: 50 }));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- read models are typed per query
  const db: AnyKysely = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
  // One group, as the projector role runs them.
  const runners = [createProjectionRunner({ db, eventStore, projection: readModelProjections, schema: LIVE_SCHEMA })];
  for (const runner of runners) await runner.start();
  return {
    database,
    pool,
    db,
    eventStore,
    runners,
    commands: createScenarioCommands(eventStore),
    settle: async () => {
      const last = lastAppended();
      if (last) await Promise.all(runners.map((runner) => runner.waitFor(last, 30_000)));
    },
    close: async () => {
      for (const runner of runners) await runner.stop();
      await eventStore.close();
      await db.destroy(); // ends the pool
      await database.drop();
    },
  };
};
