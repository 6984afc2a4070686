// Test and benchmark helper (not product code): invoices appended straight through the deciders
// (thousands in seconds, no NOWPayments call), IPN bodies shaped like the sandbox's, signed the way
// NOWPayments signs them, and a kept-alive HTTP sender with a fixed number of sockets.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import {
  channelDecider,
  channelStreamId,
  findTier,
  invoiceDecider,
  invoiceStreamId,
  money,
  type ChannelEvent,
  type ChannelState,
  type EventStore,
  type TierSnapshot,
} from '@paygate/domain';
import { IPN_SIGNATURE_HEADER, signIpnPayload, type NowPaymentsPaymentStatus } from '@paygate/gateways';

/** An invoice of ours and the NOWPayments payment that will pay it. */
export type TrafficInvoice = { invoiceId: string; paymentId: number };

/** Registers a channel with a 12.50 USD, 30-day tier `monthly` in one append; returns the tier. */
/** The seeded channel's Telegram chat (the IPN benchmark creates it in the server's Telegram sandbox). */
export const TRAFFIC_CHAT_ID = '-1001234567890';

export const seedChannel = async (eventStore: EventStore, channelId: string, at = new Date()): Promise<TierSnapshot> => {
  const now = at.toISOString();
  const events: ChannelEvent[] = [];
  let state: ChannelState = channelDecider.initialState;
  const decide = (command: Parameters<typeof channelDecider.decide>[0]) => {
    for (const event of channelDecider.decide(command, state)) {
      events.push(event);
      state = channelDecider.evolve(state, event);
    }
  };
  decide({ type: 'RegisterChannel', data: { channelId, chatId: TRAFFIC_CHAT_ID, ownerId: '4242', title: 'Traffic channel', registeredAt: now } });
  decide({ type: 'PriceTier', data: { channelId, tierId: 'monthly', name: 'Monthly', price: money(1250n, 'USD'), durationDays: 30, pricedAt: now } });
  await eventStore.append(channelStreamId(channelId), events.map((event) => ({ id: randomUUID(), ...event })), { expectedRevision: 'no_stream' });
  const tier = findTier(state, 'monthly');
  if (!tier) throw new Error('the seeded tier is missing');
  return tier;
};

/**
 * `count` invoices for the tier, each its own InvoiceCreated decided by the invoice decider and
 * appended with `concurrency` appends in flight. Payment ids are `firstPaymentId`, +1, ….
 */
export const seedInvoices = async (
  eventStore: EventStore,
  tier: TierSnapshot,
  { count, firstPaymentId, concurrency = 16, prefix = 'inv_traffic' }: { count: number; firstPaymentId: number; concurrency?: number; prefix?: string },
): Promise<TrafficInvoice[]> => {
  const invoices = Array.from({ length: count }, (_, i) => ({ invoiceId: `${prefix}_${firstPaymentId + i}`, paymentId: firstPaymentId + i }));
  const createdAt = new Date().toISOString();
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < invoices.length; i = next++) {
      const { invoiceId } = invoices[i]!;
      const data = { invoiceId, channelId: tier.channelId, tierId: tier.tierId, subscriberId: String(100_000 + i), tier, createdAt };
      const events = invoiceDecider.decide({ type: 'CreateInvoice', data }, invoiceDecider.initialState);
      await eventStore.append(invoiceStreamId(invoiceId), events.map((event) => ({ id: randomUUID(), ...event })), { expectedRevision: 'no_stream' });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return invoices;
};

/** The IPN body NOWPayments sends for `status` of the payment of `invoice` (the sandbox's shape, 12.50 USD in USDT). */
export const ipnPayload = ({ invoiceId, paymentId }: TrafficInvoice, status: NowPaymentsPaymentStatus): Record<string, unknown> => {
  const paid = status === 'waiting' ? 0 : 12.502501;
  return {
    payment_id: paymentId,
    parent_payment_id: null,
    invoice_id: 4_000_000_000 + (paymentId % 1_000_000_000),
    payment_status: status,
    pay_address: `TXYZtraffic${paymentId}`,
    payin_extra_id: null,
    price_amount: 12.5,
    price_currency: 'usd',
    pay_amount: 12.502501,
    actually_paid: paid,
    actually_paid_at_fiat: paid === 0 ? 0 : 12.5,
    pay_currency: 'usdttrc20',
    order_id: invoiceId,
    order_description: 'Traffic channel: Monthly (30 days)',
    purchase_id: String(5_000_000_000 + (paymentId % 1_000_000_000)),
    outcome_amount: 12.43999,
    outcome_currency: 'usdttrc20',
    payment_extra_ids: null,
    ...(paid === 0 ? {} : { fee: { currency: 'usdttrc20', depositFee: 0.062511, withdrawalFee: 0, serviceFee: 0 } }),
    created_at: '2025-01-01T00:00:00.000Z',
    updated_at: '2025-01-01T00:05:00.000Z',
  };
};

export type SignedIpn = { body: string; signature: string };

export const signIpn = (payload: Record<string, unknown>, secret: string): SignedIpn => ({
  body: JSON.stringify(payload),
  signature: signIpnPayload(payload, secret),
});

/** status 0: no HTTP answer (connection refused or reset, timeout). */
export type IpnAnswer = { status: number; ms: number; error?: string };

export type IpnSender = { post(ipn: SignedIpn): Promise<IpnAnswer>; close(): void };

/**
 * POSTs signed IPNs to `webhookUrl` over at most `sockets` kept-alive connections (more requests
 * queue in the agent, as they would behind a fixed connection pool). Never rejects.
 */
export const createIpnSender = (webhookUrl: string, { sockets, timeoutMs = 15_000 }: { sockets: number; timeoutMs?: number }): IpnSender => {
  const url = new URL(webhookUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  const post = (ipn: SignedIpn) =>
    new Promise<IpnAnswer>((resolve) => {
      const started = performance.now();
      const done = (status: number, error?: string) =>
        resolve({ status, ms: performance.now() - started, ...(error === undefined ? {} : { error }) });
      const request = http.request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          timeout: timeoutMs,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(ipn.body), [IPN_SIGNATURE_HEADER]: ipn.signature },
        },
        (response) => {
          response.on('error', (error: NodeJS.ErrnoException) => done(0, error.code ?? error.message));
          response.on('end', () => done(response.statusCode ?? 0));
          response.resume();
        },
      );
      request.on('timeout', () => request.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
      request.on('error', (error: NodeJS.ErrnoException) => done(0, error.code ?? error.message));
      request.end(ipn.body);
    });
  return { post, close: () => agent.destroy() };
};

/** The webhook URL of a `paygate start` whose stdout said where it listens (the last such line). */
export const webhookUrlOf = (stdout: string): string | undefined => {
  const urls = [...stdout.matchAll(/PayGate listening on (http:\/\/\S+)/g)];
  const last = urls.at(-1)?.[1];
  return last === undefined ? undefined : `${last.replace('0.0.0.0', '127.0.0.1')}/webhooks/nowpayments`;
};
