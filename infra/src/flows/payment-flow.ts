import type { Broker, EventStore, RunningConsumer } from '@paygate/domain';
import {
  createChannelCommands,
  createDonationCommands,
  createInvoiceCommands,
  createNowPaymentsWebhook,
  createSplitManager,
  recordIpn,
  runProcessManager,
  type ChannelCommands,
  type DonationCommands,
  type InvoiceCommands,
  type InvoiceGateway,
  type ProcessManager,
  type ProcessManagerRunOptions,
  type RecordIpn,
} from '@paygate/commands';
import type { HttpApp } from '../http/index.ts';
import type { Logger } from '../logging/index.ts';
import { withCommandSpan } from '../telemetry/index.ts';

export type PaymentFlowOptions = {
  /** The NOWPayments client (real API or the sandbox). */
  nowPayments: InvoiceGateway;
  /** Public base URL; NOWPayments posts IPNs to `<publicUrl>/webhooks/nowpayments`. A function when it is known only once the api listens. */
  publicUrl: string | (() => string);
  /** NOWPAYMENTS_IPN_SECRET; unset → every IPN is answered 503 until it is configured. */
  ipnSecret: string | undefined;
  /** NOWPAYMENTS_IPN_SECRET_PREVIOUS, accepted too while a rotation is under way. */
  previousIpnSecret?: string | undefined;
  /** PLATFORM_FEE_BPS. */
  feeBps: number;
  clock?: () => Date;
  maxIpnBodyBytes?: number;
};

export type PaymentFlow = {
  channels: ChannelCommands;
  invoices: InvoiceCommands;
  /** Donation settings and donation invoices (paid like invoices; the split manager splits DonationReceived). */
  donations: DonationCommands;
  recordIpn: RecordIpn;
  /** The process managers of this flow (today: the split manager). */
  processManagers: readonly ProcessManager[];
  /** Mounts `POST /webhooks/nowpayments` (for the api role). */
  mountRoutes(app: HttpApp): void;
  /** Runs every process manager as a durable consumer on the broker (for the workers role). */
  startProcessManagers(options?: Omit<ProcessManagerRunOptions, 'logger'>): Promise<RunningConsumer[]>;
};

/**
 * The first money flow, wired from the shared infrastructure: owner and subscriber commands, the
 * IPN webhook (whose request only appends) and the split manager (which reacts asynchronously
 * to relayed PaymentReceived and DonationReceived events). Roles pick the parts they run.
 */
export const createPaymentFlow = (
  platform: { eventStore: EventStore; broker: Broker; logger: Logger },
  options: PaymentFlowOptions,
): PaymentFlow => {
  const { eventStore, broker, logger } = platform;
  const clock = options.clock ?? (() => new Date());
  if (!options.ipnSecret?.trim()) {
    logger.warn('NOWPAYMENTS_IPN_SECRET is not set: every NOWPayments IPN is refused (503) until it is');
  }
  const record = withCommandSpan('RecordIpn', recordIpn({ eventStore, clock }));
  const processManagers = [createSplitManager({ eventStore, clock, feeBps: options.feeBps })];
  return {
    channels: createChannelCommands({ eventStore, clock }),
    invoices: createInvoiceCommands({ eventStore, nowPayments: options.nowPayments, publicUrl: options.publicUrl, clock }),
    donations: createDonationCommands({ eventStore, nowPayments: options.nowPayments, publicUrl: options.publicUrl, clock }),
    recordIpn: record,
    processManagers,
    mountRoutes(app) {
      const webhook = createNowPaymentsWebhook({
        recordIpn: record,
        ipnSecret: options.ipnSecret,
        previousIpnSecret: options.previousIpnSecret,
        logger: logger.child({ component: 'nowpayments-webhook' }),
        ...(options.maxIpnBodyBytes === undefined ? {} : { maxBodyBytes: options.maxIpnBodyBytes }),
      });
      app.route('/', webhook);
    },
    async startProcessManagers(runOptions = {}) {
      const started: RunningConsumer[] = [];
      try {
        for (const manager of processManagers) {
          started.push(await runProcessManager(broker, manager, { ...runOptions, logger: logger.child({ manager: manager.name }) }));
        }
        return started;
      } catch (error) {
        await Promise.allSettled(started.map((consumer) => consumer.stop()));
        throw error;
      }
    },
  };
};
