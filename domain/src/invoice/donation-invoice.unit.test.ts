import { describe, expect, it } from 'vitest';
import { deciderSpec, foldEvents } from '../decider/index.ts';
import { DONATION_TIER_ID } from '../donation/index.ts';
import { money } from '../money/index.ts';
import type { InvoiceCommand } from './invoice-commands.ts';
import { invoiceDecider } from './invoice-decider.ts';
import { parseInvoiceEvent, type InvoiceEvent } from './invoice-events.ts';
import { invoiceSnapshot } from './invoice-state.ts';

const given = deciderSpec(invoiceDecider, { validateEvent: parseInvoiceEvent });
const at = '2026-01-02T00:00:00.000Z';

type DonationData = Extract<InvoiceCommand, { type: 'CreateDonationInvoice' }>['data'];
const donate = (data: Partial<DonationData> = {}): InvoiceCommand => ({
  type: 'CreateDonationInvoice',
  data: { invoiceId: 'don1', channelId: 'ch1', donorId: '7', amount: money(500n, 'USD'), showName: true, donorName: 'Ann', channelRegistered: true, donations: 'enabled', createdAt: at, ...data },
});
const created = (patch: Partial<Extract<InvoiceEvent, { type: 'DonationInvoiceCreated' }>['data']> = {}): InvoiceEvent => ({
  type: 'DonationInvoiceCreated',
  data: { invoiceId: 'don1', channelId: 'ch1', donorId: '7', amount: { amount: '500', currency: 'USD', decimals: 2 }, showName: true, donorName: 'Ann', createdAt: at, ...patch },
});

describe('invoice: CreateDonationInvoice', () => {
  it('records the donation with the donor name the donor allowed', () => given([]).when(donate()).then([created()]));
  it('never stores the name when the donor did not allow it', () => {
    const { donorName: _name, ...anonymous } = created({ showName: false }).data as Extract<InvoiceEvent, { type: 'DonationInvoiceCreated' }>['data'];
    given([]).when(donate({ showName: false })).then([{ type: 'DonationInvoiceCreated', data: anonymous }]);
  });
  it('a retried donation changes nothing', () => given([created()]).when(donate({ createdAt: '2026-01-03T00:00:00.000Z' })).then([]));
  it('the same id for another amount is a conflict', () =>
    given([created()]).when(donate({ amount: money(600n, 'USD') })).thenThrows('conflict', 'already exists'));
  it('the same id as a subscription invoice is a conflict', () => {
    const subscription: InvoiceEvent = {
      type: 'InvoiceCreated',
      data: { invoiceId: 'don1', channelId: 'ch1', tierId: 'monthly', subscriberId: '7', price: { amount: '500', currency: 'USD', decimals: 2 }, durationDays: 30, createdAt: at },
    };
    given([subscription]).when(donate()).thenThrows('conflict', 'already exists');
  });
  it('needs a registered channel', () => given([]).when(donate({ channelRegistered: false })).thenThrows('not_found', 'ch1'));
  it('is refused while the owner paused donations', () =>
    given([]).when(donate({ donations: 'paused' })).thenThrows('conflict', 'donations to ch1 are paused'));
  it('is refused when the channel never configured donations', () =>
    given([]).when(donate({ donations: 'not_configured' })).thenThrows('conflict', 'ch1 does not take donations'));
  it('a retry of a donation created before the pause still returns it (nothing new)', () =>
    given([created()]).when(donate({ donations: 'paused' })).then([]));
  it('refuses an amount below the minimum', () => given([]).when(donate({ amount: money(99n, 'USD') })).thenThrows('validation', 'minimum donation is 1.00 USD'));
  it('refuses an amount above the maximum', () =>
    given([]).when(donate({ amount: money(1_000_001n, 'USD') })).thenThrows('validation', 'maximum donation is 10000.00 USD'));
  it('refuses an amount in another currency', () => given([]).when(donate({ amount: money(5_000_000n, 'USDTTRC20') })).thenThrows('validation', 'USDTTRC20'));
  it('a subscription invoice can never use the donation tier id', () =>
    given([])
      .when({ type: 'CreateInvoice', data: { invoiceId: 'i', channelId: 'ch1', tierId: DONATION_TIER_ID, subscriberId: '7', tier: null, createdAt: at } })
      .thenThrows('validation', 'reserved'));
});

describe('invoice: a donation snapshot', () => {
  it('has the donation tier id, the donor as subscriber, the amount as price and the donation terms', () => {
    const state = foldEvents(invoiceDecider, [created()]);
    expect(state.status === 'created' && state.purpose).toBe('donation');
    expect(invoiceSnapshot(state)).toEqual({
      invoiceId: 'don1',
      channelId: 'ch1',
      tierId: DONATION_TIER_ID,
      subscriberId: '7',
      price: money(500n, 'USD'),
      durationDays: 0,
      donation: { showName: true, donorName: 'Ann' },
    });
  });
});
