import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paymentStreamId } from '@paygate/domain';
import { IPN_SIGNATURE_HEADER, signIpnPayload } from '@paygate/gateways';
import { finishedIpn } from './test-support/finished-ipn.ts';
import { startFlowHarness, typesOf, type FlowHarness } from './test-support/flow-harness.ts';

type Vector = { name: string; rawBody: string; signature: string; valid: boolean };
const vectors = JSON.parse(
  readFileSync(new URL('../../../gateways/src/nowpayments/testdata/nowpayments-ipn-vectors.json', import.meta.url), 'utf8'),
) as { secret: string; vectors: Vector[] };

type ProblemBody = { status: number; detail: string; errorId: string; details?: { fields?: string[] } };

const expectProblem = async (response: Response, status: number): Promise<ProblemBody> => {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  const text = await response.text();
  expect(text).not.toMatch(/\n\s+at /); // never a stack
  return JSON.parse(text) as ProblemBody;
};


describe('NOWPayments webhook over HTTP with a real PostgreSQL event store: rejections append nothing', () => {
  let h: FlowHarness;
  let invoiceId: string;
  beforeAll(async () => {
    h = await startFlowHarness({ ipnSecret: vectors.secret });
    const { channelId, tierId } = await h.channelWithTier('rej');
    invoiceId = (await h.flow.invoices.createInvoice({ channelId, tierId, subscriberId: '777' })).invoiceId;
  });
  afterAll(async () => {
    await h?.close();
  });

  const sign = (payload: unknown) => signIpnPayload(payload, vectors.secret);
  const valid = () => finishedIpn(invoiceId, 9_200_000_001);

  const rejections: [string, number, () => Promise<Response>, string[]?][] = [
    ['missing signature', 401, () => h.postIpn(JSON.stringify(valid()))],
    ['malformed signature', 401, () => h.postIpn(JSON.stringify(valid()), { [IPN_SIGNATURE_HEADER]: 'not-hex' })],
    ['wrong signature', 401, () => h.postIpn(JSON.stringify(valid()), { [IPN_SIGNATURE_HEADER]: signIpnPayload(valid(), 'another_secret') })],
    ['body changed after signing', 401, () => h.postIpn(JSON.stringify({ ...valid(), actually_paid: 1000 }), { [IPN_SIGNATURE_HEADER]: sign(valid()) })],
    ['malformed JSON', 400, () => h.postIpn('{"payment_id": 1,', { [IPN_SIGNATURE_HEADER]: 'a'.repeat(128) }), ['(body)']],
    ['a JSON array', 400, () => h.postIpn('[]', { [IPN_SIGNATURE_HEADER]: 'a'.repeat(128) }), ['(body)']],
    [
      'signed, with invalid fields',
      400,
      () => {
        const body = { ...valid(), payment_status: 'paid', actually_paid: -1, pay_currency: 7 };
        return h.postIpn(JSON.stringify(body), { [IPN_SIGNATURE_HEADER]: sign(body) });
      },
      ['actually_paid', 'pay_currency', 'payment_status'],
    ],
    [
      'signed, with a currency code the notice rules refuse',
      400,
      () => {
        const body = { ...valid(), pay_currency: 'usdt-trc20' };
        return h.postIpn(JSON.stringify(body), { [IPN_SIGNATURE_HEADER]: sign(body) });
      },
      ['pay_currency'],
    ],
    [
      'oversized (declared length)',
      413,
      () => {
        const body = { ...valid(), padding: 'x'.repeat(70 * 1024) };
        return h.postIpn(JSON.stringify(body), { [IPN_SIGNATURE_HEADER]: sign(body) });
      },
    ],
    [
      'oversized (chunked, no length declared)',
      413,
      () => {
        const chunk = new TextEncoder().encode(' '.repeat(8 * 1024));
        let sent = 0;
        const body = new ReadableStream<Uint8Array>({
          pull(controller) {
            if (sent++ >= 64) controller.close();
            else controller.enqueue(chunk);
          },
        });
        return fetch(h.webhookUrl, {
          method: 'POST',
          body,
          duplex: 'half',
          headers: { 'content-type': 'application/json', [IPN_SIGNATURE_HEADER]: 'a'.repeat(128) },
        } as RequestInit);
      },
    ],
    ['text/plain', 415, () => h.postIpn(JSON.stringify(valid()), { 'content-type': 'text/plain', [IPN_SIGNATURE_HEADER]: sign(valid()) })],
    ['form-encoded', 415, () => h.postIpn('a=1', { 'content-type': 'application/x-www-form-urlencoded', [IPN_SIGNATURE_HEADER]: sign(valid()) })],
    ['not UTF-8', 400, () => h.postIpn(new Uint8Array([0x7b, 0xc3, 0x28, 0x7d]), { [IPN_SIGNATURE_HEADER]: 'a'.repeat(128) })],
  ];

  it.each(rejections)('%s → %i, nothing appended', async (_name, status, send, fields) => {
    const before = await h.eventCount();
    const problem = await expectProblem(await send(), status);
    if (fields) expect(problem.details?.fields).toEqual(fields);
    expect(await h.eventCount()).toBe(before);
  });

  it('then the genuine IPN is accepted once', async () => {
    expect((await h.postSignedIpn(valid())).status).toBe(200);
    expect((await h.postSignedIpn(valid())).status).toBe(200);
    expect(typesOf(await h.eventStore.readStream(paymentStreamId('9200000001')))).toEqual(['PaymentStatusRecorded', 'PaymentReceived']);
  });

  it.each(vectors.vectors.map((vector) => [vector.name, vector] as const))('shared vector: %s', async (_name, vector) => {
    const before = await h.eventCount();
    const response = await h.postIpn(vector.rawBody, { [IPN_SIGNATURE_HEADER]: vector.signature });
    if (!vector.valid) {
      await expectProblem(response, 401);
      expect(await h.eventCount()).toBe(before);
      return;
    }
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    // Their order ids ("2", null) are not invoices of ours: kept for an operator, never dropped.
    const paymentId = String((JSON.parse(vector.rawBody) as { payment_id: number }).payment_id);
    expect(typesOf(await h.eventStore.readStream(`unmatched-payment-${paymentId}`))).toEqual(['UnmatchedPaymentRecorded']);
    expect(await h.eventCount()).toBe(before + 1);
  });

  it('logs no secret and no raw body', () => {
    const text = JSON.stringify(h.logLines);
    expect(text).not.toContain(vectors.secret);
    expect(text).not.toContain('flow-test-api-key');
  });
});

describe('NOWPayments webhook without an IPN secret', () => {
  let h: FlowHarness;
  beforeAll(async () => {
    h = await startFlowHarness({ ipnSecret: undefined });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('refuses every IPN with 503 and Retry-After (NOWPayments retries once the secret is set), appending nothing', async () => {
    const body = finishedIpn('inv_x', 9_300_000_001);
    const response = await h.postIpn(JSON.stringify(body), { [IPN_SIGNATURE_HEADER]: signIpnPayload(body, 'whatever') });
    await expectProblem(response, 503);
    expect(response.headers.get('retry-after')).toBe('300');
    expect(await h.eventCount()).toBe(0);
    expect(h.logLines.some((line) => line.level >= 40 && line.msg.includes('NOWPAYMENTS_IPN_SECRET'))).toBe(true);
  });
});

describe('NOWPayments webhook while PostgreSQL is unreachable', () => {
  let h: FlowHarness;
  beforeAll(async () => {
    h = await startFlowHarness({ viaProxy: true });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('answers 503 (no stack), appends nothing, and the retried IPN is recorded once afterwards', async () => {
    const { channelId, tierId } = await h.channelWithTier('outage');
    const { invoiceId } = await h.flow.invoices.createInvoice({ channelId, tierId, subscriberId: '777' });
    const before = await h.eventCount();
    const ipn = finishedIpn(invoiceId, 9_400_000_001);

    await h.proxy!.cut();
    for (let i = 0; i < 2; i++) {
      const problem = await expectProblem(await h.postSignedIpn(ipn), 503);
      expect(problem.detail).not.toMatch(/postgres|5432|ECONN/i);
    }
    await h.proxy!.restore();

    expect(await h.eventCount()).toBe(before);
    expect((await h.postSignedIpn(ipn)).status).toBe(200);
    expect((await h.postSignedIpn(ipn)).status).toBe(200);
    expect(typesOf(await h.eventStore.readStream(paymentStreamId('9400000001')))).toEqual(['PaymentStatusRecorded', 'PaymentReceived']);
    // ... and the invoice's InvoicePaid, once.
    expect(await h.eventCount()).toBe(before + 3);
  });
});
