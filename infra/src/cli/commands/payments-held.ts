import {
  evolvePayment,
  formatMoney,
  initialPaymentState,
  moneyFromJson,
  parsePaymentEvent,
  PayGateError,
  paymentStreamId,
  type EventStore,
  type MoneyJson,
  type PaymentState,
} from '@paygate/domain';
import { DEFAULT_READ_MODEL_SCHEMA, listHeldPaymentIds, readModelTableExists, type AnyKysely } from '@paygate/projections';
import { EXIT_OK, type Command } from '../command.ts';
import { withCommandPlatform } from '../command-platform.ts';
import { writeResult } from '../output.ts';

/** An amount as decimal text with its currency, as the other commands print money. */
type Amount = { amount: string; currency: string };

export type HeldPayment = {
  paymentId: string;
  invoiceId: string;
  channelId: string;
  tierId: string;
  subscriberId: string;
  reason: string;
  price: Amount;
  /** NOWPayments' quote in the pay currency; null when the IPN had no pay_amount. */
  quoted: Amount | null;
  paid: Amount;
  outcome: Amount;
  shortfallBps: number | null;
  toleranceBps: number;
  /** The payment's status now (a held payment NOWPayments refunded can only be rejected). */
  status: string | null;
  heldAt: string;
};

const amount = (json: MoneyJson): Amount => ({ amount: formatMoney(moneyFromJson(json)), currency: json.currency });

const heldView = (paymentId: string, state: PaymentState): HeldPayment | undefined => {
  if (state.hold === null || state.hold.decision !== null) return undefined;
  const held = state.hold.held;
  return {
    paymentId,
    invoiceId: held.invoiceId,
    channelId: held.channelId,
    tierId: held.tierId,
    subscriberId: held.subscriberId,
    reason: held.reason,
    price: amount(held.price),
    quoted: held.payAmount === undefined ? null : amount(held.payAmount),
    paid: amount(held.actuallyPaid),
    outcome: amount(held.outcome),
    shortfallBps: held.shortfallBps ?? null,
    toleranceBps: held.toleranceBps,
    status: state.status,
    heldAt: held.receivedAt,
  };
};

/** The payment's state from its own stream: the decider's truth, whatever the read model says. */
export const loadPaymentState = async (eventStore: EventStore, paymentId: string): Promise<{ state: PaymentState; events: number }> => {
  const events = await eventStore.readStream(paymentStreamId(paymentId));
  return { state: events.reduce((state, event) => evolvePayment(state, parsePaymentEvent(event)), initialPaymentState), events: events.length };
};

/**
 * Candidates come from the payments read model (outcome held_for_review), so the list costs one
 * query rather than a scan of the whole log; each is then re-read from its stream, which drops a
 * hold decided since the projector last ran and supplies the quote and shortfall the read model
 * does not keep.
 */
export const listHeldPayments = async (db: AnyKysely, eventStore: EventStore): Promise<HeldPayment[]> => {
  if (!(await readModelTableExists(db, DEFAULT_READ_MODEL_SCHEMA, 'payments'))) {
    throw new PayGateError('unavailable', 'the payments read model does not exist yet: the projector role of `paygate start` builds it');
  }
  const held: HeldPayment[] = [];
  for (const paymentId of await listHeldPaymentIds(db, DEFAULT_READ_MODEL_SCHEMA)) {
    const view = heldView(paymentId, (await loadPaymentState(eventStore, paymentId)).state);
    if (view) held.push(view);
  }
  return held;
};

const money = (value: Amount | null) => (value === null ? '-' : `${value.amount} ${value.currency}`);

const describeHeld = (payment: HeldPayment): string =>
  [
    `payment ${payment.paymentId}  held ${payment.heldAt}  ${payment.reason}${payment.status === 'refunded' ? '  (refunded by NOWPayments: reject only)' : ''}`,
    `  invoice ${payment.invoiceId}  channel ${payment.channelId}  tier ${payment.tierId}  subscriber ${payment.subscriberId}`,
    `  quoted ${money(payment.quoted)}  paid ${money(payment.paid)}  shortfall ${payment.shortfallBps === null ? '-' : `${payment.shortfallBps} bps`} (tolerance ${payment.toleranceBps} bps)`,
  ].join('\n');

export const paymentsHeldCommand: Command = {
  name: 'payments held',
  summary: 'List payments held for review (finished, but paid below the underpayment band)',
  description: [
    'A held payment grants nothing until an operator runs `paygate payments release` or `paygate payments reject`.',
    'Candidates come from the payments read model (as far as the projector has caught up); each is checked',
    'against its event stream, so a payment already decided is never listed. Oldest first.',
  ].join('\n'),
  json: true,
  examples: ['paygate payments held', 'paygate payments held --json'],
  async run(context) {
    await withCommandPlatform(context.io.env, async ({ platform, paygate }) => {
      const held = await listHeldPayments(paygate.readModels, platform.eventStore);
      const text = held.length === 0 ? 'no payments held for review' : held.map(describeHeld).join('\n\n');
      writeResult(context, text, held);
    });
    return EXIT_OK;
  },
};
