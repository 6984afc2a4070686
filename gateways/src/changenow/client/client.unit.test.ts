import { describe, expect, it } from 'vitest';
import { isPayGateError, type PayGateError } from '@paygate/domain';
import { createChangeNowClient } from './client.ts';

const KEY = 'unit-key-42';

/** The client against a stub answering `body` (raw JSON text) and recording each request. */
const stub = (body: string, status = 200) => {
  const requests: Array<{ url: URL; init: RequestInit }> = [];
  const client = createChangeNowClient({
    apiUrl: 'http://changenow.invalid/',
    apiKey: KEY,
    timeoutMs: 1_000,
    fetch: async (url, init) => {
      requests.push({ url: new URL(url), init });
      return new Response(body, { status, headers: { 'content-type': 'application/json' } });
    },
  });
  return { client, requests };
};

const rejection = async (promise: Promise<unknown>): Promise<PayGateError> => {
  const error = await promise.then(
    () => expect.unreachable('expected a rejection'),
    (e: unknown) => e,
  );
  expect(isPayGateError(error)).toBe(true);
  return error as PayGateError;
};

const byId = (fields: string) =>
  `{"id":"abc123","status":"finished","toCurrency":"usdt","toNetwork":"bsc","payoutHash":"0xfeed",${fields}}`;

describe('ChangeNOW client (stubbed)', () => {
  it('sends amounts as decimal strings, the pair by ticker and network, and the key header', async () => {
    const { client, requests } = stub('{"toAmount":1,"rateId":"r1","validUntil":"2025-01-01T00:01:00Z"}');
    await client.quoteFixedRate({ amount: 1_500_000n, currency: 'USDTMATIC', decimals: 6 }, 'ETH');
    const { url, init } = requests[0]!;
    expect(url.pathname).toBe('/v2/exchange/estimated-amount');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      fromCurrency: 'usdt',
      fromNetwork: 'matic',
      toCurrency: 'eth',
      toNetwork: 'eth',
      fromAmount: '1.5',
      flow: 'fixed-rate',
      type: 'direct',
      useRateId: 'true',
    });
    expect(new Headers(init.headers).get('x-changenow-api-key')).toBe(KEY);
  });

  it('posts the exchange with the rateId and refund address', async () => {
    const { client, requests } = stub('{"id":"abc123","payinAddress":"0xabc","toAmount":0.5}');
    await client.createExchange({
      from: { amount: 10n ** 17n, currency: 'ETH', decimals: 18 },
      toCurrency: 'USDCERC20',
      address: '0x1111111111111111111111111111111111111111',
      rateId: 'rate-1',
      refundAddress: '0x2222222222222222222222222222222222222222',
    });
    expect(JSON.parse(String(requests[0]!.init.body))).toEqual({
      fromCurrency: 'eth',
      fromNetwork: 'eth',
      toCurrency: 'usdc',
      toNetwork: 'eth',
      fromAmount: '0.1',
      address: '0x1111111111111111111111111111111111111111',
      refundAddress: '0x2222222222222222222222222222222222222222',
      flow: 'fixed-rate',
      type: 'direct',
      rateId: 'rate-1',
    });
  });

  it('reads amounts digit for digit, rounding extra digits down', async () => {
    // 18-decimal USDT on BSC: a double would turn this into 1234.5678901234568; 3 digits too many go.
    const { client } = stub(byId('"amountTo":1234.567890123456789123999'));
    expect(await client.exchangeStatus('abc123')).toEqual({
      status: 'finished',
      payoutHash: '0xfeed',
      received: { amount: 1_234_567_890_123_456_789_123n, currency: 'USDTBSC', decimals: 18 },
    });
  });

  it('reports what was received only once finished', async () => {
    const { client } = stub(byId('"amountTo":12').replace('"finished"', '"sending"'));
    expect(await client.exchangeStatus('abc123')).toEqual({ status: 'sending' });
  });

  it('names an unknown status in an unavailable error', async () => {
    const { client } = stub(byId('"amountTo":null').replace('"finished"', '"expired"'));
    const e = await rejection(client.exchangeStatus('abc123'));
    expect(e.kind).toBe('unavailable');
    expect(e.message).toContain('"expired"');
  });

  it('treats a fixed-rate estimate without a rateId as unavailable', async () => {
    const { client } = stub('{"toAmount":1,"rateId":null,"validUntil":null}');
    const e = await rejection(client.quoteFixedRate({ amount: 10n ** 18n, currency: 'ETH', decimals: 18 }, 'USDTERC20'));
    expect(e.kind).toBe('unavailable');
  });

  it('refuses bad input before calling', async () => {
    const { client, requests } = stub('{}');
    expect((await rejection(client.estimateStandard({ amount: 0n, currency: 'ETH', decimals: 18 }, 'USDTERC20'))).kind).toBe('validation');
    expect((await rejection(client.estimateStandard({ amount: 1n, currency: 'ETH', decimals: 6 }, 'USDTERC20'))).kind).toBe('validation');
    expect((await rejection(client.exchangeStatus('../admin'))).kind).toBe('validation');
    expect(requests).toHaveLength(0);
    expect(() => createChangeNowClient({ apiUrl: 'http://x', apiKey: 'bad key', timeoutMs: 1 })).toThrow(/api key/);
  });
});
