import { formatMoney, moneyFromJson, PayGateError, paymentStreamId, parsePaymentEvent, type EventStore, type InvoicePaidTwice, type MoneyJson } from '@paygate/domain';
import { DEFAULT_READ_MODEL_SCHEMA, listPaymentIdsWithOutcome, readModelTableExists, type AnyKysely } from '@paygate/projections';
import { EXIT_OK, type Command } from '../command.ts';
import { withCommandPlatform } from '../command-platform.ts';
import { writeResult } from '../output.ts';

type Amount = { amount: string; currency: string };

/** A payment of an invoice another payment had paid: money that arrived but bought nothing. */
export type PaidTwicePayment = {
  paymentId: string;
  invoiceId: string;
  channelId: string;
  tierId: string;
  subscriberId: string;
  price: Amount;
  paid: Amount;
  /** What reaches the merchant wallet: what a refund gives back. */
  outcome: Amount;
  /** The payment that paid the invoice (and was granted). */
  paidBy: { paymentId: string; paid: Amount; outcome: Amount };
  receivedAt: string;
};

const amount = (json: MoneyJson): Amount => ({ amount: formatMoney(moneyFromJson(json)), currency: json.currency });

const view = ({ data }: InvoicePaidTwice): PaidTwicePayment => ({
  paymentId: data.paymentId,
  invoiceId: data.invoiceId,
  channelId: data.channelId,
  tierId: data.tierId,
  subscriberId: data.subscriberId,
  price: amount(data.price),
  paid: amount(data.actuallyPaid),
  outcome: amount(data.outcome),
  paidBy: { paymentId: data.paidBy.paymentId, paid: amount(data.paidBy.actuallyPaid), outcome: amount(data.paidBy.outcome) },
  receivedAt: data.receivedAt,
});

/** Candidates from the payments read model (outcome paid_twice); the amounts from each payment's stream. */
export const listPaidTwicePayments = async (db: AnyKysely, eventStore: EventStore): Promise<PaidTwicePayment[]> => {
  if (!(await readModelTableExists(db, DEFAULT_READ_MODEL_SCHEMA, 'payments'))) {
    throw new PayGateError('unavailable', 'the payments read model does not exist yet: the projector role of `paygate start` builds it');
  }
  const found: PaidTwicePayment[] = [];
  for (const paymentId of await listPaymentIdsWithOutcome(db, DEFAULT_READ_MODEL_SCHEMA, 'paid_twice')) {
    const events = (await eventStore.readStream(paymentStreamId(paymentId))).map((event) => parsePaymentEvent(event));
    const twice = events.find((event): event is InvoicePaidTwice => event.type === 'InvoicePaidTwice');
    if (twice) found.push(view(twice));
  }
  return found;
};

const money = (value: Amount) => `${value.amount} ${value.currency}`;

const describe = (payment: PaidTwicePayment): string =>
  [
    `payment ${payment.paymentId}  paid twice ${payment.receivedAt}  invoice ${payment.invoiceId} (${money(payment.price)})`,
    `  channel ${payment.channelId}  tier ${payment.tierId}  subscriber ${payment.subscriberId}`,
    `  paid ${money(payment.paid)}, arrived ${money(payment.outcome)}; the invoice was paid by payment ${payment.paidBy.paymentId} (${money(payment.paidBy.paid)})`,
  ].join('\n');

export const paymentsPaidTwiceCommand: Command = {
  name: 'payments paid-twice',
  summary: 'List second payments of paid invoices (overpayments to refund)',
  description: [
    'A payment that finishes for an invoice another payment already paid is recorded as InvoicePaidTwice:',
    'it grants nothing and is never split as revenue. Refund it to the payer in NOWPayments. Oldest first,',
    'as far as the projector has caught up.',
  ].join('\n'),
  json: true,
  examples: ['paygate payments paid-twice', 'paygate payments paid-twice --json'],
  async run(context) {
    await withCommandPlatform(context.io.env, async ({ platform, paygate }) => {
      const found = await listPaidTwicePayments(paygate.readModels, platform.eventStore);
      const text = found.length === 0 ? 'no invoice was paid twice' : `${found.map(describe).join('\n\n')}\n\nRefund each in NOWPayments.`;
      writeResult(context, text, found);
    });
    return EXIT_OK;
  },
};
