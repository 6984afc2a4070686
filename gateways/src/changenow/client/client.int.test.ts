import { randomBytes } from 'node:crypto';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isPayGateError, type Money, type PayGateError } from '@paygate/domain';
import { createChangeNowSimulator } from '../sandbox/simulator.ts';
import type { SimulatedSettlement } from '../sandbox/settlement.ts';
import { createChangeNowClient } from './client.ts';

const API_KEY = 'CN-SANDBOX-KEY-9F3Q-77XA';
const OWNER = '0x1111111111111111111111111111111111111111';
const HOST_WALLET = '0x2222222222222222222222222222222222222222';

/** An in-memory chain: balances per (currency, address) and every payment made. */
const createLedger = () => {
  const balances = new Map<string, bigint>();
  const key = (currency: string, address: string) => `${currency}:${address.toLowerCase()}`;
  const credit = (currency: string, address: string, amount: bigint) => balances.set(key(currency, address), balanceOf(currency, address) + amount);
  const balanceOf = (currency: string, address: string) => balances.get(key(currency, address)) ?? 0n;
  const payments: Array<{ currency: string; to: string; amount: bigint; hash: string }> = [];
  const settlement: SimulatedSettlement = {
    depositAt: async (address, currency) => balanceOf(currency, address),
    pay: async (currency, to, amount) => {
      const hash = `0x${randomBytes(32).toString('hex')}`;
      credit(currency, to, amount);
      payments.push({ currency, to, amount, hash });
      return hash;
    },
  };
  return { settlement, credit, balanceOf, payments };
};

let now = new Date('2025-03-01T12:00:00.000Z');
const clock = () => now;
const ledger = createLedger();
// Two simulators on one server, at different base paths: one instant, one a second per status.
const fast = createChangeNowSimulator({ apiKey: API_KEY, settlement: ledger.settlement, clock, stepDelayMs: 0 });
const stepped = createChangeNowSimulator({ apiKey: API_KEY, settlement: ledger.settlement, clock, stepDelayMs: 1_000 });
const root = new Hono();
root.route('/fast', fast.app);
root.route('/stepped', stepped.app);

let server: ServerType | undefined;
let baseUrl = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => {
    server = serve({ fetch: root.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
      baseUrl = `http://127.0.0.1:${info.port}`;
      resolve();
    });
  });
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

beforeEach(() => {
  now = new Date(now.getTime() + 3_600_000); // each test starts an hour later: earlier rates have expired
});

const client = (base = 'fast', apiKey = API_KEY) => createChangeNowClient({ apiUrl: `${baseUrl}/${base}`, apiKey, timeoutMs: 2_000 });

const control = async (base: string, path: string, body?: unknown) => {
  const response = await fetch(`${baseUrl}/${base}/sandbox-control/${path}`, {
    method: body === undefined && path === 'exchanges' ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as unknown;
};

const eth = (amount: bigint): Money => ({ amount, currency: 'ETH', decimals: 18 });
const ETH_0_05 = eth(50_000_000_000_000_000n);

/** Awaits a rejection and checks it is a PayGateError of `kind` that never mentions the api key. */
const expectError = async (promise: Promise<unknown>, kind: PayGateError['kind']) => {
  const error = await promise.then(
    () => expect.unreachable('expected a rejection'),
    (e: unknown) => e,
  );
  expect(isPayGateError(error)).toBe(true);
  const e = error as PayGateError;
  expect(e.kind).toBe(kind);
  const everything = JSON.stringify([e.message, e.details, e.stack, String(e.cause), (e.cause as Error | undefined)?.stack]);
  expect(everything).not.toContain(API_KEY);
  return e;
};

/** Quote, create and fund an exchange of 0.05 ETH → USDT (ERC-20). */
const fundedExchange = async (base = 'fast') => {
  const cn = client(base);
  const quote = await cn.quoteFixedRate(ETH_0_05, 'USDTERC20');
  const created = await cn.createExchange({ from: ETH_0_05, toCurrency: 'USDTERC20', address: OWNER, rateId: quote.rateId, refundAddress: HOST_WALLET });
  ledger.credit('ETH', created.payinAddress, ETH_0_05.amount);
  return { cn, quote, created };
};

describe('ChangeNOW client against the simulator', () => {
  it('lists the currencies with our codes', async () => {
    const currencies = await client().currencies();
    expect(currencies).toContainEqual({ ticker: 'usdt', network: 'eth', name: 'Tether on Ethereum', supportsFixedRate: true, code: 'USDTERC20' });
    expect(currencies.map((c) => c.code).sort()).toEqual(['BNBBSC', 'ETH', 'USDCERC20', 'USDCMATIC', 'USDTBSC', 'USDTERC20', 'USDTMATIC']);
  });

  it('reads the minimum amount, rounded up to a sendable amount', async () => {
    // 5 USD / 3120.55 = 0.0016022816…, quoted up to 8 digits.
    expect(await client().minimumAmount('ETH', 'USDTERC20')).toEqual(eth(1_602_290_000_000_000n));
    expect(await client().minimumAmount('USDTERC20', 'ETH')).toEqual({ amount: 5_000_000n, currency: 'USDTERC20', decimals: 6 });
  });

  it('quotes a fixed rate slightly below the standard estimate, exactly', async () => {
    const quote = await client().quoteFixedRate(ETH_0_05, 'USDTERC20');
    // 0.05 × 3120.55 = 156.0275; fixed −1 % = 154.467225; standard −0.5 % = 155.2473625 → 155.247362 (rounded down).
    expect(quote.to).toEqual({ amount: 154_467_225n, currency: 'USDTERC20', decimals: 6 });
    expect(quote.rateId).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(quote.validUntil).toBe(new Date(now.getTime() + 60_000).toISOString());
    expect(await client().estimateStandard(ETH_0_05, 'USDTERC20')).toEqual({ amount: 155_247_362n, currency: 'USDTERC20', decimals: 6 });
  });

  it('creates an exchange, sees the deposit and pays the owner exactly', async () => {
    const cn = client();
    const quote = await cn.quoteFixedRate(ETH_0_05, 'USDTERC20');
    const created = await cn.createExchange({ from: ETH_0_05, toCurrency: 'USDTERC20', address: OWNER, rateId: quote.rateId, refundAddress: HOST_WALLET });
    expect(created.payinAddress).toMatch(/^0x[0-9a-f]{40}$/);
    expect(created.expectedTo).toEqual(quote.to);
    expect(await cn.exchangeStatus(created.exchangeId)).toEqual({ status: 'new' });

    await fast.tick();
    expect(await cn.exchangeStatus(created.exchangeId)).toEqual({ status: 'waiting' });
    ledger.credit('ETH', created.payinAddress, ETH_0_05.amount - 1n); // one wei short: not yet
    await fast.tick();
    expect((await cn.exchangeStatus(created.exchangeId)).status).toBe('waiting');

    const before = ledger.balanceOf('USDTERC20', OWNER);
    ledger.credit('ETH', created.payinAddress, 1n);
    await fast.tick();
    const report = await cn.exchangeStatus(created.exchangeId);
    const payment = ledger.payments.at(-1)!;
    expect(report).toEqual({ status: 'finished', payoutHash: payment.hash, received: quote.to });
    expect(payment).toMatchObject({ currency: 'USDTERC20', to: OWNER, amount: 154_467_225n });
    expect(ledger.balanceOf('USDTERC20', OWNER) - before).toBe(154_467_225n);
  });

  it('walks every status on the clock when steps take time, and can pass through verifying', async () => {
    await control('stepped', 'force-outcome', { outcome: 'verifying' });
    const { cn, created } = await fundedExchange('stepped');
    const seen: string[] = [];
    for (let i = 0; i < 8; i += 1) {
      await stepped.tick();
      seen.push((await cn.exchangeStatus(created.exchangeId)).status);
      now = new Date(now.getTime() + 1_000);
    }
    expect(seen).toEqual(['new', 'waiting', 'confirming', 'verifying', 'exchanging', 'sending', 'finished', 'finished']);
  });

  it('refuses an expired rate, whether by time or by the control API', async () => {
    const cn = client();
    const quote = await cn.quoteFixedRate(ETH_0_05, 'USDTERC20');
    now = new Date(now.getTime() + 61_000);
    const request = { from: ETH_0_05, toCurrency: 'USDTERC20', address: OWNER, rateId: quote.rateId, refundAddress: HOST_WALLET };
    const e = await expectError(cn.createExchange(request), 'validation');
    expect(e.message).toBe('ChangeNOW rejected create exchange: rateId has expired');
    expect(e.details).toMatchObject({ status: 400, code: 'not_valid_params' });

    const fresh = await cn.quoteFixedRate(ETH_0_05, 'USDTERC20');
    await control('fast', 'expire-rates', {});
    await expectError(cn.createExchange({ ...request, rateId: fresh.rateId }), 'validation');
    await expectError(cn.createExchange({ ...request, rateId: 'no-such-rate' }), 'validation');
  });

  it('refuses a rateId used for another amount', async () => {
    const cn = client();
    const quote = await cn.quoteFixedRate(ETH_0_05, 'USDTERC20');
    const request = { from: eth(60_000_000_000_000_000n), toCurrency: 'USDTERC20', address: OWNER, rateId: quote.rateId, refundAddress: HOST_WALLET };
    await expectError(cn.createExchange(request), 'validation');
  });

  it('refuses an amount below the minimum', async () => {
    const small = eth(1_000_000_000_000_000n); // 0.001 ETH ≈ 3.12 USD
    const e = await expectError(client().quoteFixedRate(small, 'USDTERC20'), 'validation');
    expect(e.message).toBe('ChangeNOW rejected fixed-rate estimate: Amount is less then minimal: 0.00160229 ETH');
    expect(e.details).toMatchObject({ code: 'out_of_range' });
    await expectError(client().estimateStandard(small, 'USDTERC20'), 'validation');
  });

  it('reports injected 5xx as unavailable, then recovers', async () => {
    expect(await control('fast', 'fail-next', { count: 2, status: 502 })).toMatchObject({ failNext: 2, failStatus: 502 });
    const e = await expectError(client().minimumAmount('ETH', 'USDTERC20'), 'unavailable');
    expect(e.details).toMatchObject({ status: 502 });
    await expectError(client().currencies(), 'unavailable');
    expect((await client().minimumAmount('ETH', 'USDTERC20')).amount).toBe(1_602_290_000_000_000n);
  });

  it('refunds the deposit to the refund address when forced', async () => {
    await control('fast', 'force-outcome', { outcome: 'refunded' });
    const before = ledger.balanceOf('ETH', HOST_WALLET);
    const { cn, created } = await fundedExchange();
    await fast.tick();
    expect(await cn.exchangeStatus(created.exchangeId)).toEqual({ status: 'refunded' });
    expect(ledger.balanceOf('ETH', HOST_WALLET) - before).toBe(ETH_0_05.amount);
    const view = (await control('fast', 'exchanges')) as Array<{ id: string; refundAmount: string; refundHash: string }>;
    expect(view.find((x) => x.id === created.exchangeId)).toMatchObject({ refundAmount: '0.05', refundHash: ledger.payments.at(-1)!.hash });
  });

  it('ends a forced failure failed, paying nobody', async () => {
    fast.control.forceOutcome('failed');
    const paymentsBefore = ledger.payments.length;
    const { cn, created } = await fundedExchange();
    await fast.tick();
    expect(await cn.exchangeStatus(created.exchangeId)).toEqual({ status: 'failed' });
    expect(ledger.payments.length).toBe(paymentsBefore);
  });

  it('retries a payout the settlement could not send', async () => {
    const { cn, created } = await fundedExchange();
    const pay = ledger.settlement.pay;
    ledger.settlement.pay = async () => {
      throw new Error('node down');
    };
    await fast.tick();
    expect((await cn.exchangeStatus(created.exchangeId)).status).toBe('sending');
    expect(fast.exchange(created.exchangeId)?.lastError).toBe('Error: node down');
    ledger.settlement.pay = pay;
    await fast.tick();
    expect((await cn.exchangeStatus(created.exchangeId)).status).toBe('finished');
  });

  it('answers not_found for an unknown exchange', async () => {
    await expectError(client().exchangeStatus('0123456789abcd'), 'not_found');
  });

  it('refuses a wrong api key without ever quoting a key', async () => {
    const wrong = client('fast', 'WRONG-KEY-123');
    const e = await expectError(wrong.minimumAmount('ETH', 'USDTERC20'), 'validation');
    expect(e.message).toBe('ChangeNOW rejected min amount: Invalid api key');
    expect(e.details).toMatchObject({ status: 401, code: 'unauthorized' });
    expect(JSON.stringify([e.message, e.details, e.stack])).not.toContain('WRONG-KEY-123');
  });

  it('refuses currencies it does not map before calling', async () => {
    await expectError(client().quoteFixedRate({ amount: 1n, currency: 'BTC', decimals: 8 }, 'USDTERC20'), 'validation');
    await expectError(client().minimumAmount('ETH', 'USDTTRC20'), 'validation');
  });
});
