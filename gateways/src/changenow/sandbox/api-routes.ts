/**
 * The ChangeNOW v2 routes the simulator serves (relative to wherever it is mounted):
 *   GET  /v2/exchange/currencies   GET /v2/exchange/min-amount   GET /v2/exchange/range
 *   GET  /v2/exchange/estimated-amount   POST /v2/exchange   GET /v2/exchange/by-id?id=
 * Every request needs the `x-changenow-api-key` header (401 otherwise).
 */
import { Hono, type Context } from 'hono';
import { canonicalDecimal } from '@paygate/domain';
import { compareAmounts, parseJsonKeepingNumberText } from '../amounts.ts';
import type { ExchangeDesk } from './exchange-desk.ts';
import type { Faults } from './faults.ts';
import type { Market, SandboxCurrency } from './market.ts';
import { byIdQuery, createExchangeBody, currenciesQuery, estimateQuery, pairQuery, parseParams } from './params.ts';
import type { RateBook } from './rate-book.ts';
import { errorResponse, exchangeJson, jsonNumber, jsonResponse } from './wire.ts';

export type ApiRoutesDeps = {
  readonly apiKey: string;
  readonly market: Market;
  readonly rates: RateBook;
  readonly desk: ExchangeDesk;
  readonly faults: Faults;
  readonly tokenContracts: Readonly<Record<string, string>>;
};

type Pair = { fromCurrency: string; toCurrency: string; fromNetwork?: string | undefined; toNetwork?: string | undefined };
type Resolved = { ok: true; from: SandboxCurrency; to: SandboxCurrency } | { ok: false; response: Response };

const invalid = (message: string) => errorResponse(400, 'not_valid_params', message);

const pairFields = (from: SandboxCurrency, to: SandboxCurrency) => ({
  fromCurrency: from.ticker,
  fromNetwork: from.network,
  toCurrency: to.ticker,
  toNetwork: to.network,
});

export const createApiRoutes = (deps: ApiRoutesDeps) => {
  const { market, rates, desk } = deps;
  const api = new Hono();

  api.use('/v2/*', deps.faults.middleware, async (c, next) => {
    if (c.req.header('x-changenow-api-key') !== deps.apiKey) return errorResponse(401, 'unauthorized', 'Invalid api key');
    await next();
    return undefined;
  });

  const resolve = (pair: Pair): Resolved => {
    const from = market.find(pair.fromCurrency, pair.fromNetwork);
    if (!from) return { ok: false, response: invalid(`Currency ${pair.fromCurrency} is not supported`) };
    const to = market.find(pair.toCurrency, pair.toNetwork);
    if (!to) return { ok: false, response: invalid(`Currency ${pair.toCurrency} is not supported`) };
    if (from === to) return { ok: false, response: errorResponse(400, 'pair_is_inactive', 'Pair is inactive') };
    return { ok: true, from, to };
  };

  /** out_of_range when `amount` is below the pair's minimum. */
  const belowMinimum = (from: SandboxCurrency, amount: string): Response | undefined => {
    const min = market.minAmount(from);
    if (compareAmounts(amount, min) >= 0) return undefined;
    return errorResponse(400, 'out_of_range', `Amount is less then minimal: ${min} ${from.ticker.toUpperCase()}`);
  };

  const query = (c: Context) => c.req.query();

  api.get('/v2/exchange/currencies', (c) => {
    const parsed = parseParams(currenciesQuery, query(c));
    if (!parsed.ok) return invalid(parsed.message);
    return jsonResponse(
      market.currencies.map((currency) => ({
        ticker: currency.ticker,
        name: currency.name,
        image: '',
        hasExternalId: false,
        isFiat: false,
        featured: false,
        isStable: currency.ticker === 'usdt' || currency.ticker === 'usdc',
        supportsFixedRate: true,
        network: currency.network,
        tokenContract: deps.tokenContracts[currency.code] ?? null,
        buy: true,
        sell: true,
        legacyTicker: currency.code.toLowerCase(),
      })),
    );
  });

  const minimum = (c: Context, withMax: boolean) => {
    const parsed = parseParams(pairQuery, query(c));
    if (!parsed.ok) return invalid(parsed.message);
    const pair = resolve(parsed.value);
    if (!pair.ok) return pair.response;
    const min = jsonNumber(market.minAmount(pair.from));
    return jsonResponse({ ...pairFields(pair.from, pair.to), flow: parsed.value.flow, minAmount: min, ...(withMax ? { maxAmount: null } : {}) });
  };
  api.get('/v2/exchange/min-amount', (c) => minimum(c, false));
  api.get('/v2/exchange/range', (c) => minimum(c, true));

  api.get('/v2/exchange/estimated-amount', (c) => {
    const parsed = parseParams(estimateQuery, query(c));
    if (!parsed.ok) return invalid(parsed.message);
    const params = parsed.value;
    const pair = resolve(params);
    if (!pair.ok) return pair.response;
    const fromAmount = canonicalDecimal(params.fromAmount);
    const tooSmall = belowMinimum(pair.from, fromAmount);
    if (tooSmall) return tooSmall;
    const toAmount = market.convert(fromAmount, pair.from, pair.to, params.flow);
    const rate =
      params.flow === 'fixed-rate' && params.useRateId === 'true' ? rates.issue({ from: pair.from, to: pair.to, fromAmount, toAmount }) : undefined;
    return jsonResponse({
      ...pairFields(pair.from, pair.to),
      flow: params.flow,
      type: params.type,
      rateId: rate?.rateId ?? null,
      validUntil: rate?.validUntil.toISOString() ?? null,
      transactionSpeedForecast: '10-60',
      warningMessage: null,
      fromAmount: jsonNumber(fromAmount),
      toAmount: jsonNumber(toAmount),
      depositFee: 0,
      withdrawalFee: 0,
      userId: null,
    });
  });

  api.post('/v2/exchange', async (c) => {
    let body: unknown;
    try {
      body = parseJsonKeepingNumberText(await c.req.text());
    } catch {
      return invalid('body is not valid JSON');
    }
    const parsed = parseParams(createExchangeBody, body);
    if (!parsed.ok) return invalid(parsed.message);
    const params = parsed.value;
    const pair = resolve(params);
    if (!pair.ok) return pair.response;
    const fromAmount = canonicalDecimal(params.fromAmount);
    if ((fromAmount.split('.')[1]?.length ?? 0) > pair.from.decimals) return invalid(`fromAmount has more than ${pair.from.decimals} decimals`);
    const tooSmall = belowMinimum(pair.from, fromAmount);
    if (tooSmall) return tooSmall;

    let toAmount = market.convert(fromAmount, pair.from, pair.to, 'standard');
    let validUntil: Date | null = null;
    if (params.flow === 'fixed-rate') {
      if (params.rateId === '') return invalid('rateId is required');
      const found = rates.lookup(params.rateId);
      if (!found.ok) return invalid(found.reason === 'expired' ? 'rateId has expired' : 'rateId is not valid');
      const rate = found.rate;
      if (rate.from !== pair.from || rate.to !== pair.to || rate.fromAmount !== fromAmount) {
        return invalid('rateId was issued for another pair or amount');
      }
      toAmount = rate.toAmount;
      validUntil = rate.validUntil;
    }

    const exchange = desk.create({
      flow: params.flow,
      from: pair.from,
      to: pair.to,
      fromAmount,
      toAmount,
      payoutAddress: params.address,
      refundAddress: params.refundAddress === '' ? null : params.refundAddress,
      rateId: params.flow === 'fixed-rate' ? params.rateId : null,
      validUntil,
    });
    return jsonResponse({
      id: exchange.id,
      fromAmount: jsonNumber(fromAmount),
      toAmount: jsonNumber(toAmount),
      flow: exchange.flow,
      type: params.type,
      payinAddress: exchange.payinAddress,
      payoutAddress: exchange.payoutAddress,
      payinExtraId: '',
      payoutExtraId: '',
      payoutExtraIdName: '',
      ...pairFields(pair.from, pair.to),
      refundAddress: exchange.refundAddress ?? '',
      refundExtraId: '',
      validUntil: validUntil?.toISOString() ?? null,
    });
  });

  api.get('/v2/exchange/by-id', (c) => {
    const parsed = parseParams(byIdQuery, query(c));
    if (!parsed.ok) return invalid(parsed.message);
    const exchange = desk.get(parsed.value.id);
    if (!exchange) return errorResponse(404, 'not_found', 'Exchange not found');
    return jsonResponse(exchangeJson(exchange));
  });

  return api;
};
