import { describe, expect, it } from 'vitest';
import { money, type EventStore } from '@paygate/domain';
import { commandSpec, testClock } from '@paygate/testkit';
import { channelEvents, OWNER } from '@paygate/testkit/fixtures';
import { deterministicId } from '../ids/index.ts';
import { nowPaymentsWorld, type NowPaymentsWorld } from '../test-support/nowpayments-world.ts';
import { createDonationCommands } from './donation-commands.ts';

// The donation commands on the in-memory event store, with the real NOWPayments client answered by the sandbox's app.

const NOW = '2026-01-03T00:00:00.000Z';
const clock = testClock(NOW);
const STREAM = 'invoice-don_1';
const configured = { type: 'DonationsConfigured', data: { channelId: 'ch1', presets: [{ amount: '500', currency: 'USD', decimals: 2 }], postInPublic: false, configuredBy: OWNER, configuredAt: NOW } };
/** A registered channel whose owner configured donations (a channel that did not takes none). */
const registered = { 'channel-ch1': channelEvents({ channelId: 'ch1' }) };
const channel = { ...registered, 'donations-ch1': [configured] };
const donate = { invoiceId: 'don_1', channelId: 'ch1', donorId: '777', amount: money(500n, 'USD'), showName: true, donorName: 'Ann' };
const commands = (eventStore: EventStore, world: NowPaymentsWorld = nowPaymentsWorld()) =>
  createDonationCommands({ eventStore, nowPayments: world.nowPayments, publicUrl: 'https://pay.example', clock });

describe('donation commands: createDonationInvoice', () => {
  it('records the donation, creates the NOWPayments invoice "Donation to <title>" and records the link', async () => {
    const world = nowPaymentsWorld();
    const { result, appended } = await commandSpec()
      .given(channel)
      .when(({ eventStore }) => commands(eventStore, world).createDonationInvoice(donate))
      .thenAppends({
        [STREAM]: [
          {
            type: 'DonationInvoiceCreated',
            id: deterministicId('DonationInvoiceCreated', 'don_1', 'ch1', '777', 'USD', '500'),
            data: { invoiceId: 'don_1', channelId: 'ch1', donorId: '777', amount: { amount: '500', currency: 'USD', decimals: 2 }, showName: true, donorName: 'Ann', createdAt: NOW },
          },
          { type: 'InvoiceLinked' },
        ],
      });
    const [sandboxInvoice] = world.sandbox.invoices.values();
    expect(sandboxInvoice).toMatchObject({ orderId: 'don_1', priceAmount: '5', priceCurrency: 'usd', orderDescription: 'Donation to Alpha signals' });
    expect(result).toEqual({ invoiceId: 'don_1', invoiceUrl: sandboxInvoice!.invoiceUrl, amount: money(500n, 'USD') });
    expect(appended[STREAM]![1]!.data).toMatchObject({ providerInvoiceId: sandboxInvoice!.id });
  });

  it('a retry returns the same invoice and page, asking NOWPayments once', async () => {
    const world = nowPaymentsWorld();
    const { result } = await commandSpec()
      .given(channel)
      .when(async ({ eventStore }) => {
        const first = await commands(eventStore, world).createDonationInvoice(donate);
        const again = await commands(eventStore, world).createDonationInvoice(donate);
        expect(again).toEqual(first);
        return first;
      })
      .thenAppends({ [STREAM]: [{ type: 'DonationInvoiceCreated' }, { type: 'InvoiceLinked' }] });
    expect(result.invoiceId).toBe('don_1');
    expect(world.requests).toEqual(['POST /v1/invoice']);
  });

  it('an amount outside the limits, an unknown channel or a reused id records nothing and asks NOWPayments nothing', async () => {
    const world = nowPaymentsWorld();
    await commandSpec()
      .given(channel)
      .when(({ eventStore }) => commands(eventStore, world).createDonationInvoice({ ...donate, amount: money(99n, 'USD') }))
      .thenThrows('validation', { message: 'minimum donation is 1.00 USD' });
    await commandSpec()
      .given(channel)
      .when(({ eventStore }) => commands(eventStore, world).createDonationInvoice({ ...donate, amount: money(1_000_001n, 'USD') }))
      .thenThrows('validation', { message: 'maximum donation is 10000.00 USD' });
    await commandSpec().given({}).when(({ eventStore }) => commands(eventStore, world).createDonationInvoice(donate)).thenThrows('not_found');
    await commandSpec()
      .given(registered)
      .when(({ eventStore }) => commands(eventStore, world).createDonationInvoice(donate))
      .thenThrows('conflict', { message: 'ch1 does not take donations' });
    expect(world.requests).toEqual([]);
  });

  it('an anonymous donation stores no name', async () => {
    const { appended } = await commandSpec()
      .given(channel)
      .when(({ eventStore }) => commands(eventStore).createDonationInvoice({ ...donate, showName: false }))
      .thenAppends({ [STREAM]: [{ type: 'DonationInvoiceCreated' }, { type: 'InvoiceLinked' }] });
    expect(appended[STREAM]![0]!.data).not.toHaveProperty('donorName');
  });
});

describe('donation commands: settings', () => {
  const presets = [money(500n, 'USD'), money(1000n, 'USD')];

  it('the owner enables donations; the settings and the posted messages read back', async () => {
    await commandSpec()
      .given(registered)
      .when(async ({ eventStore }) => {
        const donations = commands(eventStore);
        expect(await donations.donationSettings('ch1')).toBeUndefined();
        const configured = await donations.configureDonations({ channelId: 'ch1', requestedBy: OWNER, presets, postInPublic: true });
        expect(configured.events.map((event) => event.type)).toEqual(['DonationsConfigured']);
        expect((await donations.configureDonations({ channelId: 'ch1', requestedBy: OWNER, presets, postInPublic: true })).events).toEqual([]);
        expect((await donations.recordDonationMessage({ channelId: 'ch1', chatId: '-1001000000001', messageId: 42 })).events).toHaveLength(1);
        expect((await donations.recordDonationMessage({ channelId: 'ch1', chatId: '-1001000000001', messageId: 42 })).events).toEqual([]);
        expect(await donations.donationSettings('ch1')).toEqual({ presets, enabled: true, postInPublic: true, messages: [{ chatId: '-1001000000001', messageId: 42 }] });
      })
      .thenAppends({ 'donations-ch1': [{ type: 'DonationsConfigured' }, { type: 'DonationMessagePosted' }] });
  });

  it('the owner pauses donations: settings say so, a donation invoice is refused and NOWPayments is not asked; resuming takes them again', async () => {
    const world = nowPaymentsWorld();
    const { appended } = await commandSpec()
      .given(registered)
      .when(async ({ eventStore }) => {
        const donations = commands(eventStore, world);
        await donations.configureDonations({ channelId: 'ch1', requestedBy: OWNER, presets, postInPublic: false });
        const paused = await donations.configureDonations({ channelId: 'ch1', requestedBy: OWNER, presets, postInPublic: false, enabled: false });
        expect(paused.events).toHaveLength(1);
        expect((await donations.configureDonations({ channelId: 'ch1', requestedBy: OWNER, presets, postInPublic: false, enabled: false })).events).toEqual([]);
        expect(await donations.donationSettings('ch1')).toEqual({ presets, enabled: false, postInPublic: false, messages: [] });
        await expect(donations.createDonationInvoice(donate)).rejects.toMatchObject({ kind: 'conflict', message: 'donations to ch1 are paused' });
        expect(world.requests).toEqual([]);
        // Absent `enabled` means enabled: resumes them.
        await donations.configureDonations({ channelId: 'ch1', requestedBy: OWNER, presets, postInPublic: false });
        expect((await donations.donationSettings('ch1'))?.enabled).toBe(true);
        return donations.createDonationInvoice(donate);
      })
      .thenAppends({
        'donations-ch1': [{ type: 'DonationsConfigured' }, { type: 'DonationsConfigured' }, { type: 'DonationsConfigured' }],
        [STREAM]: [{ type: 'DonationInvoiceCreated' }, { type: 'InvoiceLinked' }],
      });
    expect(appended['donations-ch1']!.map((event) => event.data)).toMatchObject([{ enabled: true }, { enabled: false }, { enabled: true }]);
  });

  it('only the owner configures; a message before donations are enabled is not found', async () => {
    await commandSpec()
      .given(registered)
      .when(({ eventStore }) => commands(eventStore).configureDonations({ channelId: 'ch1', requestedBy: '4242', presets, postInPublic: false }))
      .thenThrows('forbidden');
    await commandSpec()
      .given({})
      .when(({ eventStore }) => commands(eventStore).configureDonations({ channelId: 'ch1', requestedBy: OWNER, presets, postInPublic: false }))
      .thenThrows('not_found');
    await commandSpec()
      .given(registered)
      .when(({ eventStore }) => commands(eventStore).recordDonationMessage({ channelId: 'ch1', chatId: '-1001000000001', messageId: 1 }))
      .thenThrows('not_found');
  });
});
