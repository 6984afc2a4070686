import type { Money } from '@paygate/domain';
import type {
  ChannelBalanceView,
  ChannelSummaryView,
  InvoiceView,
  OwnerBalanceView,
  PaymentView,
  PayoutView,
  RevenuePoint,
  SplitView,
  SubscriberView,
} from '@paygate/projections';

// Read-model views as the queries return them, for the tests that run the real presenters on them
// (test-only: nothing in production imports this file).

const usd = (amount: bigint): Money => ({ amount, currency: 'USD', decimals: 2 });
const usdt = (amount: bigint): Money => ({ amount, currency: 'USDTTRC20', decimals: 6 });
const at = (day: number) => `2026-03-${String(day).padStart(2, '0')}T10:00:00.000Z`;

export const receivedPayment: PaymentView = {
  paymentId: '5077125051',
  invoiceId: 'inv-1',
  channelId: 'ch-1',
  tierId: 'monthly',
  kind: 'subscription',
  subscriberId: '1001',
  status: 'finished',
  outcome: 'received',
  price: usd(1250n),
  reported: { priceAmount: '12.5', priceCurrency: 'USD', payAmount: '12.55', actuallyPaid: '12.55', payCurrency: 'USDTTRC20', outcomeAmount: '12.4', outcomeCurrency: 'USDTTRC20' },
  parentPaymentId: null,
  received: { actuallyPaid: usdt(12_550_000n), outcome: usdt(12_400_000n) },
  conflicts: 0,
  firstSeenAt: at(1),
  updatedAt: at(2),
  updatedPosition: { commit: 10n, prepare: 10n },
};

/** An IPN for an invoice PayGate never created: no channel, no price, nothing received. */
export const unmatchedPayment: PaymentView = {
  ...receivedPayment,
  paymentId: '5077125052',
  channelId: null,
  tierId: null,
  subscriberId: null,
  status: 'waiting',
  outcome: null,
  price: null,
  reported: { ...receivedPayment.reported, payAmount: null, outcomeAmount: null, outcomeCurrency: null },
  received: null,
};

/** A received donation: the donation tier id, the donor as subscriber. */
export const donationPayment: PaymentView = { ...receivedPayment, paymentId: '5077125053', invoiceId: 'inv-2', tierId: 'donation', kind: 'donation', subscriberId: '1002' };

export const split: SplitView = {
  paymentId: receivedPayment.paymentId,
  invoiceId: 'inv-1',
  channelId: 'ch-1',
  ownerId: '2001',
  gross: usdt(12_400_000n),
  feeBps: 500,
  fee: usdt(620_000n),
  ownerShare: usdt(11_780_000n),
  calculatedAt: at(2),
};

export const invoice: InvoiceView = {
  invoiceId: 'inv-1',
  channelId: 'ch-1',
  tierId: 'monthly',
  purpose: 'subscription',
  subscriberId: '1001',
  price: usd(1250n),
  durationDays: 30,
  createdAt: at(1),
  provider: { invoiceId: '4522625843', url: 'https://nowpayments.io/payment/?iid=4522625843', linkedAt: at(1) },
  paymentStatus: 'finished',
  paymentIds: [receivedPayment.paymentId],
  paid: true,
  paidPaymentId: receivedPayment.paymentId,
  paidAt: at(2),
  updatedAt: at(2),
};

export const donationInvoice: InvoiceView = {
  ...invoice,
  invoiceId: 'inv-2',
  tierId: 'donation',
  purpose: 'donation',
  subscriberId: '1002',
  durationDays: 0,
  paymentIds: [donationPayment.paymentId],
  paidPaymentId: donationPayment.paymentId,
};

export const channelSummary: ChannelSummaryView = {
  channelId: 'ch-1',
  chatId: '-1001234567890',
  ownerId: '2001',
  title: 'Signals',
  registeredAt: at(1),
  ownerClaimedAt: null,
  payoutsHeld: { reason: 'wallet changed', heldAt: at(3) },
  tiers: [
    { tierId: 'monthly', name: 'Monthly', price: usd(1250n), durationDays: 30, firstPricedAt: at(1), pricedAt: at(1), retired: false, retiredAt: null },
    { tierId: 'weekly', name: 'Weekly', price: usd(400n), durationDays: 7, firstPricedAt: at(1), pricedAt: at(2), retired: true, retiredAt: at(3) },
  ],
  activeSubscribers: 1,
  subscribers: 2,
};

export const subscriber: SubscriberView = {
  channelId: 'ch-1',
  channelTitle: 'Signals',
  subscriberId: '1001',
  tierId: 'weekly',
  tierName: null,
  status: 'expired',
  startsAt: at(1),
  endsAt: at(8),
  joinedAt: null,
};

export const revenuePoint: RevenuePoint = {
  periodStart: '2026-03-02T00:00:00.000Z',
  currency: 'USDTTRC20',
  decimals: 6,
  payments: 3,
  gross: 37_200_000n,
  fees: 1_860_000n,
  ownerShare: 35_340_000n,
};

export const payout: PayoutView = {
  payoutId: 'payout-1',
  channelId: 'ch-1',
  ownerId: '2001',
  purpose: null,
  amount: usdt(11_780_000n),
  paymentIds: [receivedPayment.paymentId],
  wallet: { address: 'TXYZ1234', network: 'tron', currency: 'USDTTRC20' },
  route: 'direct',
  status: 'sent',
  statusReason: null,
  rateId: null,
  exchangeId: null,
  payinAddress: null,
  transfers: [{ hash: `0x${'ab'.repeat(32)}`, nonce: 7, to: 'TXYZ1234', replaces: null, signedAt: at(4) }],
  executed: { txHash: `0x${'ab'.repeat(32)}`, blockNumber: 123_456 },
  payoutHash: `0x${'cd'.repeat(32)}`,
  received: usdt(11_780_000n),
  startedAt: at(4),
  updatedAt: at(4),
  sentAt: at(4),
  updatedPosition: { commit: 20n, prepare: 20n },
};

const amounts = { received: usdt(12_400_000n), fees: usdt(620_000n), pending: usdt(0n), inPayout: usdt(0n), paidOut: usdt(11_780_000n), convertedIn: usdt(0n), convertedOut: usdt(0n) };
export const ownerBalance: OwnerBalanceView = { ownerId: '2001', currency: 'USDTTRC20', channels: 1, ...amounts };
export const channelBalance: ChannelBalanceView = { channelId: 'ch-1', ownerId: null, currency: 'USDTTRC20', ...amounts };
