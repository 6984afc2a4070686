// Test helper (not product code): the whole money path over real PostgreSQL for the operator
// exception tests — the NOWPayments sandbox posting IPNs to the webhook, the relay publishing to
// the in-process broker, the split manager and the lifecycle's managers as durable consumers
// against the Telegram sandbox, and every read model projected live.
import { Kysely, PostgresDialect } from 'kysely';
import { runProcessManager, type ProcessManager } from '@paygate/commands';
import { subscriptionStreamId, type RecordedEvent, type RunningConsumer } from '@paygate/domain';
import { createProjectionRunner, DEFAULT_READ_MODEL_SCHEMA, readModelProjections, type AnyKysely, type ProjectionRunner } from '@paygate/projections';
import { waitFor } from '@paygate/testkit';
import { startFlowHarness, type FlowHarness, type FlowHarnessOptions } from '../../flows/test-support/flow-harness.ts';
import { createLifecycleFlow, type LifecycleFlow } from '../../lifecycle/lifecycle-flow.ts';
import { drainUpdates, startTelegramWorld, type TelegramWorld } from '../../lifecycle/test-support/telegram-world.ts';
import { createRelay, type Relay } from '../../relay/index.ts';

export const WAIT = { timeoutMs: 20_000 };

export type MoneyWorld = {
  h: FlowHarness;
  tg: TelegramWorld;
  db: AnyKysely;
  lifecycle: LifecycleFlow;
  channelId: string;
  stream(streamId: string): Promise<RecordedEvent[]>;
  /** Waits until the read models have applied the whole log. */
  settle(): Promise<void>;
  /** Creates an invoice for a new subscriber of the channel. */
  buy(name: string): Promise<{ subscriber: number; invoiceId: string; providerInvoiceId: string }>;
  /** Once the bot's DM is recorded, joins through the invite link it sent for `invoiceId` (join request approved by the access commands). */
  join(subscriber: number, invoiceId: string): Promise<void>;
  close(): Promise<void>;
};

export const startMoneyWorld = async (channelId: string, options: FlowHarnessOptions = {}, managers: (h: FlowHarness) => ProcessManager[] = () => []): Promise<MoneyWorld> => {
  const h = await startFlowHarness(options);
  const tg = await startTelegramWorld({ clock: () => new Date(), channels: h.flow.channels, channelId });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- read models are typed per query
  const db: AnyKysely = new Kysely<any>({ dialect: new PostgresDialect({ pool: h.pool }) });
  const projection: ProjectionRunner = createProjectionRunner({ db, eventStore: h.eventStore, projection: readModelProjections, schema: DEFAULT_READ_MODEL_SCHEMA });
  await projection.start();
  const lifecycle = createLifecycleFlow({ eventStore: h.eventStore, telegram: tg.client, db, schema: DEFAULT_READ_MODEL_SCHEMA });
  const relay: Relay = createRelay({ pool: h.pool, eventStore: h.eventStore, broker: h.broker, name: 'exceptions', retryDelayMs: 100 });
  await relay.start();
  const consumers: RunningConsumer[] = [];
  for (const manager of [...h.flow.processManagers, ...lifecycle.processManagers, ...managers(h)]) {
    consumers.push(await runProcessManager(h.broker, manager, { ackWaitMs: 5_000, backoffMs: [50], maxDeliver: 5 }));
  }
  return {
    h,
    tg,
    db,
    lifecycle,
    channelId,
    stream: (streamId) => h.eventStore.readStream(streamId),
    settle: async () => {
      const last = (await h.eventStore.readAll()).at(-1);
      if (last) await projection.waitFor(last.position, 20_000);
    },
    async buy(name) {
      const subscriber = tg.newUser(name);
      const invoice = await h.flow.invoices.createInvoice({ channelId, tierId: 'monthly', subscriberId: String(subscriber) });
      return { subscriber, invoiceId: invoice.invoiceId, providerInvoiceId: invoice.providerInvoiceId };
    },
    async join(subscriber, invoiceId) {
      // As a subscriber would: once the bot's DM with the link arrived (InviteLinkSent recorded).
      const sent = async () => (await h.eventStore.readStream(subscriptionStreamId(channelId, String(subscriber)))).some((event) => event.type === 'InviteLinkSent');
      await waitFor('the invite link DM', sent, WAIT);
      const link = await waitFor('the invite link', () => tg.sandbox.control.inviteLinks(tg.chatId).find((l) => l.name === `pg1-${invoiceId}`), WAIT);
      tg.sandbox.control.joinViaLink({ userId: subscriber, inviteLink: link.inviteLink });
      await drainUpdates(lifecycle.access, tg);
    },
    async close() {
      for (const consumer of consumers) await consumer.stop();
      await relay.stop();
      await projection.stop();
      await tg.close();
      await h.close();
    },
  };
};
