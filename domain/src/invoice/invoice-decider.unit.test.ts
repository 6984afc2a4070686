import { describe, expect, it } from 'vitest';
import type { TierSnapshot } from '../channel/index.ts';
import { deciderSpec, foldEvents } from '../decider/index.ts';
import { money } from '../money/index.ts';
import type { InvoiceCommand } from './invoice-commands.ts';
import { invoiceDecider } from './invoice-decider.ts';
import { parseInvoiceEvent, type InvoiceEvent } from './invoice-events.ts';
import { invoiceSnapshot } from './invoice-state.ts';

const given = deciderSpec(invoiceDecider, { validateEvent: parseInvoiceEvent });
const at = '2026-01-02T00:00:00.000Z';
const tier: TierSnapshot = {
  channelId: 'ch1',
  ownerId: '42',
  tierId: 'monthly',
  name: 'Monthly',
  price: money(1250n, 'USD'),
  durationDays: 30,
  retired: false,
};

const create = (data: Partial<Extract<InvoiceCommand, { type: 'CreateInvoice' }>['data']> = {}): InvoiceCommand => ({
  type: 'CreateInvoice',
  data: { invoiceId: 'inv1', channelId: 'ch1', tierId: 'monthly', subscriberId: '7', tier, createdAt: at, ...data },
});
const link = (data: Partial<Extract<InvoiceCommand, { type: 'LinkInvoice' }>['data']> = {}): InvoiceCommand => ({
  type: 'LinkInvoice',
  data: { invoiceId: 'inv1', providerInvoiceId: '5077125051', invoiceUrl: 'https://nowpayments.io/payment/?iid=5077125051', linkedAt: at, ...data },
});
const created: InvoiceEvent = {
  type: 'InvoiceCreated',
  data: {
    invoiceId: 'inv1',
    channelId: 'ch1',
    tierId: 'monthly',
    subscriberId: '7',
    price: { amount: '1250', currency: 'USD', decimals: 2 },
    durationDays: 30,
    createdAt: at,
  },
};
const linked: InvoiceEvent = {
  type: 'InvoiceLinked',
  data: { invoiceId: 'inv1', providerInvoiceId: '5077125051', invoiceUrl: 'https://nowpayments.io/payment/?iid=5077125051', linkedAt: at },
};

describe('invoice: CreateInvoice', () => {
  it('creates an invoice at the tier price and duration', () => given([]).when(create()).then([created]));
  it('an unknown tier (or channel) is not found', () => given([]).when(create({ tier: null })).thenThrows('not_found', 'monthly'));
  it('a retired tier cannot be bought', () =>
    given([]).when(create({ tier: { ...tier, retired: true } })).thenThrows('conflict', 'retired'));
  it('refuses a snapshot of another tier', () =>
    given([]).when(create({ tier: { ...tier, tierId: 'yearly' } })).thenThrows('validation', 'does not match'));
  it('repeating the same purchase changes nothing', () => given([created]).when(create({ createdAt: '2026-01-03T00:00:00Z' })).then([]));
  it('reusing the id for another purchase is a conflict', () =>
    given([created]).when(create({ subscriberId: '8' })).thenThrows('conflict', 'already exists'));
  it('rejects a malformed subscriber id', () => given([]).when(create({ subscriberId: 'bob' })).thenThrows('validation', 'subscriberId'));
});

describe('invoice: LinkInvoice', () => {
  it('records the NOWPayments invoice', () => given([created]).when(link()).then([linked]));
  it('needs the invoice', () => given([]).when(link()).thenThrows('not_found'));
  it('linking again identically changes nothing', () => given([created, linked]).when(link()).then([]));
  it('linking to another provider invoice is a conflict', () =>
    given([created, linked]).when(link({ providerInvoiceId: '1' })).thenThrows('conflict', 'already linked'));
  it('rejects a non-http URL', () => given([created]).when(link({ invoiceUrl: 'javascript:alert(1)' })).thenThrows('validation', 'invoiceUrl'));
});

describe('invoice: RecordInvoicePayment', () => {
  const usdt = (amount: string) => ({ amount, currency: 'USDTTRC20', decimals: 6 });
  const pay = (paymentId: string): InvoiceCommand => ({
    type: 'RecordInvoicePayment',
    data: { invoiceId: 'inv1', paymentId, actuallyPaid: usdt('12500000'), outcome: usdt('12430000'), paidAt: at },
  });
  const paid: InvoiceEvent = { type: 'InvoicePaid', data: { invoiceId: 'inv1', paymentId: '5077000001', actuallyPaid: usdt('12500000'), outcome: usdt('12430000'), paidAt: at } };
  it('the first payment pays the invoice', () => given([created, linked]).when(pay('5077000001')).then([paid]));
  it('the same payment again changes nothing', () => given([created, linked, paid]).when(pay('5077000001')).then([]));
  it('another payment changes nothing: the first one stays the payer', () => given([created, linked, paid]).when(pay('5077000002')).then([]));
  it('needs the invoice', () => given([]).when(pay('5077000001')).thenThrows('not_found'));
  it('the snapshot names the payer, so the payment decider can tell a second payment', () => {
    expect(invoiceSnapshot(foldEvents(invoiceDecider, [created, linked, paid]))?.paidBy).toEqual({
      paymentId: '5077000001',
      actuallyPaid: money(12_500_000n, 'USDTTRC20'),
      outcome: money(12_430_000n, 'USDTTRC20'),
    });
  });
});

describe('invoiceSnapshot', () => {
  it('gives the payment decider the invoice terms, or null before creation', () => {
    expect(invoiceSnapshot(foldEvents(invoiceDecider, [created, linked]))).toEqual({
      invoiceId: 'inv1',
      channelId: 'ch1',
      tierId: 'monthly',
      subscriberId: '7',
      price: money(1250n, 'USD'),
      durationDays: 30,
    });
    expect(invoiceSnapshot(invoiceDecider.initialState)).toBeNull();
  });
});
