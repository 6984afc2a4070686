// Sample read-model views for the page tests: every field filled, hostile text where text is shown.
import type { PaymentView, PayoutView } from '@paygate/projections';
import type { ChannelSummaryView, RevenuePoint, SubscriberView } from '../view-types.ts';
import type { Viewer } from '../viewer.ts';

export const HOSTILE = '<script>alert(1)</script>';

export const owner: Viewer = { role: 'owner', name: 'Ada "owner" <b>', csrfToken: 'csrf-owner-1' };
export const auditor: Viewer = { role: 'auditor', name: 'Audrey', csrfToken: 'csrf-auditor-1' };

const usdt = (amount: bigint) => ({ amount, currency: 'USDT', decimals: 6 });

export const payment = (patch: Partial<PaymentView> = {}): PaymentView => ({
  paymentId: '5077125051',
  invoiceId: 'inv-1',
  channelId: 'ch-1',
  tierId: 'monthly',
  kind: 'subscription',
  subscriberId: '424242',
  status: 'finished',
  outcome: 'received',
  price: usdt(12_500_000n),
  reported: { priceAmount: '12.5', priceCurrency: 'USDT', payAmount: '12.5', actuallyPaid: '12.5', payCurrency: 'USDTTRC20', outcomeAmount: '12.4', outcomeCurrency: 'USDTTRC20' },
  parentPaymentId: null,
  received: { actuallyPaid: usdt(12_500_000n), outcome: usdt(12_400_000n) },
  conflicts: 0,
  firstSeenAt: '2025-03-01T10:00:00.000Z',
  updatedAt: '2025-03-01T10:05:00.000Z',
  updatedPosition: { commit: 10n, prepare: 10n },
  ...patch,
});

export const payout = (patch: Partial<PayoutView> = {}): PayoutView => ({
  payoutId: 'po-1',
  channelId: 'ch-1',
  ownerId: '1001',
  purpose: null,
  amount: usdt(100_000_000n),
  paymentIds: ['5077125051'],
  wallet: { address: '0xabc', network: 'ethereum', currency: 'USDT' },
  route: 'direct',
  status: 'sent',
  statusReason: null,
  rateId: null,
  exchangeId: null,
  payinAddress: null,
  transfers: [{ hash: '0xfeed01', nonce: 7, to: '0xabc', replaces: null, signedAt: '2025-03-02T00:00:00.000Z' }],
  executed: { txHash: '0xfeed01', blockNumber: 123 },
  payoutHash: null,
  received: usdt(100_000_000n),
  startedAt: '2025-03-02T00:00:00.000Z',
  updatedAt: '2025-03-02T00:01:00.000Z',
  sentAt: '2025-03-02T00:01:00.000Z',
  updatedPosition: { commit: 20n, prepare: 20n },
  ...patch,
});

export const channel = (patch: Partial<ChannelSummaryView> = {}): ChannelSummaryView => ({
  channelId: 'ch-1',
  chatId: '-1001234567890',
  ownerId: '1001',
  title: HOSTILE,
  registeredAt: '2025-01-01T00:00:00.000Z',
  ownerClaimedAt: null,
  payoutsHeld: null,
  tiers: [
    { tierId: 'monthly', name: 'Monthly', price: usdt(12_500_000n), durationDays: 30, firstPricedAt: '2025-01-01T00:00:00.000Z', pricedAt: '2025-01-01T00:00:00.000Z', retired: false, retiredAt: null },
    { tierId: 'old', name: HOSTILE, price: usdt(1n), durationDays: 1, firstPricedAt: '2025-01-01T00:00:00.000Z', pricedAt: '2025-01-01T00:00:00.000Z', retired: true, retiredAt: '2025-02-01T00:00:00.000Z' },
  ],
  activeSubscribers: 3,
  subscribers: 10,
  ...patch,
});

export const subscriber = (patch: Partial<SubscriberView> = {}): SubscriberView => ({
  channelId: 'ch-1',
  subscriberId: '424242',
  tierId: 'monthly',
  status: 'active',
  startsAt: '2025-03-01T10:05:00.000Z',
  endsAt: '2025-03-31T10:05:00.000Z',
  joinedAt: null,
  channelTitle: HOSTILE,
  tierName: 'Monthly',
  ...patch,
});

export const point = (patch: Partial<RevenuePoint> = {}): RevenuePoint => ({
  periodStart: '2025-03-03T00:00:00.000Z',
  currency: 'USDT',
  decimals: 6,
  payments: 1,
  gross: 12_500_000n,
  fees: 1_250_000n,
  ownerShare: 11_250_000n,
  ...patch,
});
