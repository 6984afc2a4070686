import { describe, expect, it } from 'vitest';
import { PayGateError, type IpnNotice } from '@paygate/domain';
import { IPN_SIGNATURE_HEADER, signIpnPayload } from '@paygate/gateways';
import { createMemoryLogger } from '@paygate/testkit';
import { IPN_CALLBACK_PATH } from '../invoice/index.ts';
import type { IpnOutcome } from '../payment/index.ts';
import { createNowPaymentsWebhook } from './nowpayments-webhook.ts';

// The HTTP boundary alone: recordIpn is a plain function here (the int tests in infra/src/flows
// run the same routes against the real PostgreSQL event store).
const SECRET = 'unit_ipn_secret';
const ipn = {
  payment_id: 5077125051,
  payment_status: 'finished',
  pay_address: 'T123',
  price_amount: 12.5,
  price_currency: 'usd',
  pay_amount: 12.51,
  actually_paid: 12.51,
  pay_currency: 'usdttrc20',
  order_id: 'inv_1',
  outcome_amount: 12.4,
  outcome_currency: 'usdttrc20',
  fee: { currency: 'usdttrc20', depositFee: 0.1 },
};

const setup = (options: { secret?: string | undefined; maxBodyBytes?: number; fail?: Error } = {}) => {
  const calls: IpnNotice[] = [];
  const logger = createMemoryLogger();
  const app = createNowPaymentsWebhook({
    ipnSecret: 'secret' in options ? options.secret : SECRET,
    logger,
    ...(options.maxBodyBytes === undefined ? {} : { maxBodyBytes: options.maxBodyBytes }),
    recordIpn: async (notice): Promise<IpnOutcome> => {
      if (options.fail) throw options.fail;
      calls.push(notice);
      return { outcome: 'recorded', paymentId: notice.paymentId, status: notice.status, streamId: 'payment-x', eventTypes: [] };
    },
  });
  const post = (body: string | Uint8Array | ReadableStream, headers: Record<string, string> = {}) =>
    app.request(IPN_CALLBACK_PATH, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers }, duplex: 'half' } as RequestInit);
  const signed = (payload: unknown, extra: Record<string, string> = {}) =>
    post(JSON.stringify(payload), { [IPN_SIGNATURE_HEADER]: signIpnPayload(payload, SECRET), ...extra });
  return { app, calls, logger, post, signed };
};

const problem = async (response: Response) => {
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  const body = (await response.json()) as { status: number; detail: string; details?: { fields?: string[] }; errorId: string };
  expect(body.errorId).toEqual(expect.any(String));
  expect(JSON.stringify(body)).not.toMatch(/\bat .*\.ts:\d+/); // never a stack
  return body;
};

describe('POST /webhooks/nowpayments (HTTP boundary)', () => {
  it('accepts a signed IPN, maps it exactly and answers {ok:true}', async () => {
    const { signed, calls } = setup();
    const response = await signed(ipn);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(calls).toEqual([
      {
        paymentId: '5077125051',
        orderId: 'inv_1',
        status: 'finished',
        priceAmount: '12.5',
        priceCurrency: 'usd',
        payAmount: '12.51',
        actuallyPaid: '12.51',
        payCurrency: 'usdttrc20',
        outcomeAmount: '12.4',
        outcomeCurrency: 'usdttrc20',
        parentPaymentId: null,
        ipnId: expect.stringMatching(/^sha256-[0-9a-f]{64}$/),
      },
    ]);
  });

  it('reads tiny and huge amounts digit for digit', async () => {
    const { signed, calls } = setup();
    await signed({ ...ipn, actually_paid: 1e-7, pay_amount: 0.000153, outcome_amount: 1131.7812095 });
    expect(calls[0]).toMatchObject({ actuallyPaid: '0.0000001', payAmount: '0.000153', outcomeAmount: '1131.7812095' });
  });

  it.each([
    ['missing', {}],
    ['malformed', { [IPN_SIGNATURE_HEADER]: 'abc' }],
    ['wrong', { [IPN_SIGNATURE_HEADER]: 'a'.repeat(128) }],
  ])('401 for a %s signature', async (_name, headers) => {
    const { post, calls } = setup();
    const response = await post(JSON.stringify(ipn), headers);
    expect(response.status).toBe(401);
    await problem(response);
    expect(calls).toEqual([]);
  });

  it('401 when the body was changed after signing', async () => {
    const { post, calls } = setup();
    const response = await post(JSON.stringify({ ...ipn, actually_paid: 99 }), { [IPN_SIGNATURE_HEADER]: signIpnPayload(ipn, SECRET) });
    expect(response.status).toBe(401);
    expect(calls).toEqual([]);
  });

  it('415 for a body that is not declared JSON', async () => {
    const { post, calls } = setup();
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', '']) {
      const response = await post(JSON.stringify(ipn), { 'content-type': type, [IPN_SIGNATURE_HEADER]: signIpnPayload(ipn, SECRET) });
      expect(response.status).toBe(415);
    }
    expect(calls).toEqual([]);
  });

  it('accepts application/json with a charset', async () => {
    const { signed } = setup();
    expect((await signed(ipn, { 'content-type': 'Application/JSON; charset=utf-8' })).status).toBe(200);
  });

  it('400 for malformed JSON or a non-object body', async () => {
    const { post, calls } = setup();
    for (const body of ['{"payment_id":', '[1,2]', '"text"', 'null']) {
      const response = await post(body, { [IPN_SIGNATURE_HEADER]: 'a'.repeat(128) });
      expect(response.status).toBe(400);
      expect((await problem(response)).details?.fields).toEqual(['(body)']);
    }
    expect(calls).toEqual([]);
  });

  it.each([
    ['10,000 nested arrays', `{"a":${'['.repeat(10_000)}${']'.repeat(10_000)}}`],
    ['10,000 nested objects', `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`],
  ])('400 (not 500) for a body of %s, appending nothing', async (_name, body) => {
    const { post, calls } = setup({ maxBodyBytes: 1024 * 1024 });
    const response = await post(body, { [IPN_SIGNATURE_HEADER]: 'a'.repeat(128) });
    expect(response.status).toBe(400);
    const problemBody = await problem(response);
    expect(problemBody.detail).toContain('deeper than 32 levels');
    expect(problemBody.details?.fields).toEqual(['(body)']);
    expect(calls).toEqual([]);
  });

  it('accepts the signature in upper-case hex', async () => {
    const { post, calls } = setup();
    const response = await post(JSON.stringify(ipn), { [IPN_SIGNATURE_HEADER]: signIpnPayload(ipn, SECRET).toUpperCase() });
    expect(response.status).toBe(200);
    expect(calls).toHaveLength(1);
  });

  it('401 naming the expected form for a signature that is not 128 hex digits', async () => {
    const { post, calls } = setup();
    for (const signature of ['g'.repeat(128), signIpnPayload(ipn, SECRET).slice(1)]) {
      const response = await post(JSON.stringify(ipn), { [IPN_SIGNATURE_HEADER]: signature });
      expect(response.status).toBe(401);
      expect((await problem(response)).detail).toContain('128 hex digits');
    }
    expect(calls).toEqual([]);
  });

  it('400 naming the invalid fields of a signed IPN', async () => {
    const { signed, calls, logger } = setup();
    const response = await signed({ ...ipn, payment_status: 'paid', price_amount: '12.50', payment_id: undefined });
    expect(response.status).toBe(400);
    expect((await problem(response)).details?.fields).toEqual(['payment_id', 'payment_status', 'price_amount']);
    expect(calls).toEqual([]);
    expect(logger.entries.some((entry) => entry.level === 'warn' && entry.message.includes('schema'))).toBe(true);
  });

  it('400 with the IPN field names when the notice rules refuse it', async () => {
    const error = new PayGateError('validation', 'invalid payment notice: payCurrency (must be an upper-case currency code)', {
      issues: [{ path: 'payCurrency', message: 'must be an upper-case currency code' }],
    });
    const { signed } = setup({ fail: error });
    const response = await signed(ipn);
    expect(response.status).toBe(400);
    expect((await problem(response)).details?.fields).toEqual(['pay_currency']);
  });

  it('413 when the declared length is over the limit', async () => {
    const { post, calls } = setup({ maxBodyBytes: 1024 });
    const response = await post(JSON.stringify({ ...ipn, pad: 'x'.repeat(2000) }), { [IPN_SIGNATURE_HEADER]: 'a'.repeat(128) });
    expect(response.status).toBe(413);
    expect(response.headers.get('connection')).toBe('close'); // the unread rest must not become the next request
    await problem(response);
    expect(calls).toEqual([]);
  });

  it('413 on the streamed bytes when no length is declared', async () => {
    const { post, calls } = setup({ maxBodyBytes: 1024 });
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 10) return controller.close();
        sent += 1;
        controller.enqueue(new TextEncoder().encode(' '.repeat(512)));
      },
    });
    const response = await post(stream, { [IPN_SIGNATURE_HEADER]: 'a'.repeat(128) });
    expect(response.status).toBe(413);
    expect(sent).toBeLessThan(10); // stopped reading, did not buffer it all
    expect(calls).toEqual([]);
  });

  it('a body of exactly the limit is read', async () => {
    const body = JSON.stringify(ipn);
    const { post } = setup({ maxBodyBytes: Buffer.byteLength(body) });
    expect((await post(body, { [IPN_SIGNATURE_HEADER]: signIpnPayload(ipn, SECRET) })).status).toBe(200);
  });

  it('400 for a body that is not UTF-8', async () => {
    const { post } = setup();
    const response = await post(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), { [IPN_SIGNATURE_HEADER]: 'a'.repeat(128) });
    expect(response.status).toBe(400);
  });

  it.each([undefined, '', '   '])('503 with Retry-After for every IPN while no secret is configured (%j)', async (secret) => {
    const { signed, calls, logger } = setup({ secret });
    const response = await signed(ipn);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('300');
    const body = await problem(response);
    expect(body.detail).not.toContain('NOWPAYMENTS_IPN_SECRET'); // configuration stays in the logs
    expect(logger.entries.some((entry) => entry.level === 'error')).toBe(true);
    expect(calls).toEqual([]);
  });

  it('503 when the store is unavailable, 503 when the append kept conflicting, 500 without a stack otherwise', async () => {
    const cases: [Error, number][] = [
      [new PayGateError('unavailable', 'PostgreSQL is unavailable (append)'), 503],
      [new PayGateError('conflict', 'wrong expected revision'), 503],
      [new Error('boom at /secret/path.ts:1'), 500],
    ];
    for (const [fail, status] of cases) {
      const { signed } = setup({ fail });
      const response = await signed(ipn);
      expect(response.status).toBe(status);
      const body = await problem(response);
      expect(body.detail).not.toContain('PostgreSQL');
      expect(body.detail).not.toContain('boom');
    }
  });

  it('logs a payment held for review as a warning and answers 200', async () => {
    const logger = createMemoryLogger();
    const app = createNowPaymentsWebhook({
      ipnSecret: SECRET,
      logger,
      recordIpn: async (notice) => ({
        outcome: 'recorded',
        paymentId: notice.paymentId,
        status: notice.status,
        streamId: 'payment-5077125051',
        eventTypes: ['PaymentStatusRecorded', 'PaymentHeldForReview'],
      }),
    });
    const response = await app.request(IPN_CALLBACK_PATH, {
      method: 'POST',
      body: JSON.stringify(ipn),
      headers: { 'content-type': 'application/json', [IPN_SIGNATURE_HEADER]: signIpnPayload(ipn, SECRET) },
    });
    expect(response.status).toBe(200);
    expect(logger.entries).toContainEqual(expect.objectContaining({ level: 'warn', message: expect.stringContaining('held for an operator') }));
  });

  it('logs a refused IPN as an error and still answers 200 (retrying cannot change it)', async () => {
    const logger = createMemoryLogger();
    const app = createNowPaymentsWebhook({
      ipnSecret: SECRET,
      logger,
      recordIpn: async (notice) => ({
        outcome: 'refused',
        paymentId: notice.paymentId,
        status: notice.status,
        streamId: 'refused-payment-1',
        eventTypes: ['PaymentNoticeRefused'],
        reason: 'unknown currency "XYZ"',
      }),
    });
    const response = await app.request(IPN_CALLBACK_PATH, {
      method: 'POST',
      body: JSON.stringify(ipn),
      headers: { 'content-type': 'application/json', [IPN_SIGNATURE_HEADER]: signIpnPayload(ipn, SECRET) },
    });
    expect(response.status).toBe(200);
    expect(logger.entries).toContainEqual(
      expect.objectContaining({ level: 'error', object: expect.objectContaining({ reason: 'unknown currency "XYZ"' }) }),
    );
  });
});
