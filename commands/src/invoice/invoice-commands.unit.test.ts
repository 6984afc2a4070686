import { describe, expect, it } from 'vitest';
import type { EventStore } from '@paygate/domain';
import { commandSpec, testClock } from '@paygate/testkit';
import { deterministicId } from '../ids/index.ts';
import { channelEvents, T0 } from '@paygate/testkit/fixtures';
import { nowPaymentsWorld, type NowPaymentsWorld } from '../test-support/nowpayments-world.ts';
import { createInvoiceCommands } from './invoice-commands.ts';

// The invoice commands with the real NOWPayments client, its HTTP answered by the sandbox's app.

const clock = testClock('2026-01-03T00:00:00.000Z');
const NOW = '2026-01-03T00:00:00.000Z';
const STREAM = 'invoice-inv_1';
const channel = { 'channel-ch1': channelEvents({ channelId: 'ch1' }) };
const buy = { channelId: 'ch1', tierId: 'monthly', subscriberId: '777' };
const created = { invoiceId: 'inv_1', ...buy, price: { amount: '1250', currency: 'USD', decimals: 2 }, durationDays: 30, createdAt: NOW };

const commands = (eventStore: EventStore, world: NowPaymentsWorld, publicUrl: string | (() => string) = 'https://pay.example/base/') =>
  createInvoiceCommands({ eventStore, nowPayments: world.nowPayments, publicUrl, clock, newId: () => 'inv_1' });

describe('invoice commands', () => {
  it('createInvoice records the purchase, creates the NOWPayments invoice and records the link', async () => {
    const world = nowPaymentsWorld();
    const { result, appended } = await commandSpec()
      .given(channel)
      .when(({ eventStore }) => commands(eventStore, world).createInvoice(buy, { correlationId: 'req-7' }))
      .thenAppends({
        [STREAM]: [
          { type: 'InvoiceCreated', data: created, id: deterministicId('InvoiceCreated', 'inv_1', 'ch1', 'monthly', '777'), metadata: { correlationId: 'req-7' } },
          { type: 'InvoiceLinked', metadata: { correlationId: 'req-7' } },
        ],
      });
    const [sandboxInvoice] = world.sandbox.invoices.values();
    expect(sandboxInvoice).toMatchObject({
      orderId: 'inv_1',
      priceAmount: '12.5',
      priceCurrency: 'usd',
      orderDescription: 'Alpha signals: Monthly (30 days)',
      ipnCallbackUrl: 'https://pay.example/base/webhooks/nowpayments',
    });
    expect(appended[STREAM]![1]!.data).toEqual({ invoiceId: 'inv_1', providerInvoiceId: sandboxInvoice!.id, invoiceUrl: sandboxInvoice!.invoiceUrl, linkedAt: NOW });
    expect(result).toEqual({ invoiceId: 'inv_1', providerInvoiceId: sandboxInvoice!.id, invoiceUrl: sandboxInvoice!.invoiceUrl, price: { amount: 1250n, currency: 'USD', decimals: 2 }, durationDays: 30 });
    expect(world.requests).toEqual(['POST /v1/invoice']);
  });

  it('an unknown channel or tier, or a retired tier, records nothing and asks NOWPayments nothing', async () => {
    const world = nowPaymentsWorld();
    await commandSpec().given({}).when(({ eventStore }) => commands(eventStore, world).createInvoice(buy)).thenThrows('not_found');
    await commandSpec().given(channel).when(({ eventStore }) => commands(eventStore, world).createInvoice({ ...buy, tierId: 'weekly' })).thenThrows('not_found');
    const retired = { type: 'TierRetired', data: { channelId: 'ch1', tierId: 'monthly', retiredAt: T0 } };
    await commandSpec()
      .given({ 'channel-ch1': [...channel['channel-ch1'], retired] })
      .when(({ eventStore }) => commands(eventStore, world).createInvoice(buy))
      .thenThrows('conflict', { message: 'retired' });
    expect(world.requests).toEqual([]);
  });

  it('NOWPayments down: the purchase stays recorded, the error names it, and linkInvoice finishes it later', async () => {
    const world = nowPaymentsWorld();
    world.outage(true);
    const { error, eventStore } = await commandSpec()
      .given(channel)
      .when(({ eventStore }) => commands(eventStore, world).createInvoice(buy))
      .thenThrows('unavailable', { message: 'linkInvoice retries it', appends: { [STREAM]: [{ type: 'InvoiceCreated', data: created }] } });
    expect(error.details).toEqual({ invoiceId: 'inv_1', linked: false });

    world.outage(false);
    const linked = await commands(eventStore, world).linkInvoice('inv_1');
    expect(linked.invoiceUrl).toBe(world.sandbox.invoices.get(linked.providerInvoiceId)!.invoiceUrl);
    // Linked: asking again reads the link, with no second NOWPayments invoice.
    expect(await commands(eventStore, world).linkInvoice('inv_1')).toEqual(linked);
    expect(await commands(eventStore, world).createInvoice({ ...buy, invoiceId: 'inv_1' })).toEqual(linked);
    expect(world.requests).toEqual(['POST /v1/invoice']);
    expect((await eventStore.readStream(STREAM)).map((e) => e.type)).toEqual(['InvoiceCreated', 'InvoiceLinked']);
  });

  it('NOWPayments refusing the request (a wrong API key) is reported with its kind, the purchase kept', async () => {
    const world = nowPaymentsWorld({ clientApiKey: 'not-the-key' });
    const { error } = await commandSpec()
      .given(channel)
      .when(({ eventStore }) => commands(eventStore, world).createInvoice(buy))
      .thenThrows('validation', { message: 'Invalid api key', appends: { [STREAM]: [{ type: 'InvoiceCreated' }] } });
    expect(error.details).toEqual({ invoiceId: 'inv_1', linked: false });
    expect(world.sandbox.invoices.size).toBe(0);
  });

  it('linkInvoice of an invoice that does not exist is not_found', async () => {
    const world = nowPaymentsWorld();
    await commandSpec().given(channel).when(({ eventStore }) => commands(eventStore, world).linkInvoice('inv_nope')).thenThrows('not_found');
    expect(world.requests).toEqual([]);
  });

  it('an invoice id reused for another purchase is a conflict', async () => {
    const world = nowPaymentsWorld();
    const { eventStore } = await commandSpec()
      .given(channel)
      .when(({ eventStore }) => commands(eventStore, world).createInvoice(buy))
      .thenAppends({ [STREAM]: [{ type: 'InvoiceCreated' }, { type: 'InvoiceLinked' }] });
    await expect(commands(eventStore, world).createInvoice({ ...buy, subscriberId: '888', invoiceId: 'inv_1' })).rejects.toMatchObject({ kind: 'conflict' });
  });

  it('two links racing record one InvoiceLinked, and both callers get that page', async () => {
    const world = nowPaymentsWorld();
    const { eventStore } = await commandSpec()
      .given(channel)
      .when(async ({ eventStore }) => {
        world.outage(true);
        await commands(eventStore, world).createInvoice(buy).catch(() => undefined);
        world.outage(false);
      })
      .thenAppends({ [STREAM]: [{ type: 'InvoiceCreated' }] });
    const [a, b] = await Promise.all([commands(eventStore, world).linkInvoice('inv_1'), commands(eventStore, world).linkInvoice('inv_1')]);
    expect(a).toEqual(b);
    const linkedEvents = (await eventStore.readStream(STREAM)).filter((e) => e.type === 'InvoiceLinked');
    expect(linkedEvents).toHaveLength(1);
    expect(linkedEvents[0]!.data).toMatchObject({ providerInvoiceId: a.providerInvoiceId });
  });

  it('reads the public URL per call (the api may learn its address after start)', async () => {
    const world = nowPaymentsWorld();
    let publicUrl = 'http://127.0.0.1:1111';
    await commandSpec()
      .given(channel)
      .when(({ eventStore }) => {
        const invoices = commands(eventStore, world, () => publicUrl);
        publicUrl = 'http://127.0.0.1:2222';
        return invoices.createInvoice(buy);
      })
      .thenAppends({ [STREAM]: [{ type: 'InvoiceCreated' }, { type: 'InvoiceLinked' }] });
    expect([...world.sandbox.invoices.values()][0]!.ipnCallbackUrl).toBe('http://127.0.0.1:2222/webhooks/nowpayments');
  });
});
