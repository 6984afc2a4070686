/**
 * ChangeNOW API v2 client: the PayoutExchange port (fixed-rate quotes, standard estimates, minimum
 * amounts, exchanges and their status) plus the currency list. Auth is the `x-changenow-api-key`
 * header; currencies are money-registry codes mapped to ChangeNOW's (ticker, network).
 */
import {
  currencyInfo,
  EXCHANGE_STATUSES,
  PayGateError,
  type ExchangeStatus,
  type Money,
  type PayoutExchange,
} from '@paygate/domain';
import { checkProviderOptions, errorBodyReader, providerRequest, type FetchLike, type ProviderContext } from '../../http/index.ts';
import { amountToMoney, moneyToAmount, parseJsonKeepingNumberText } from '../amounts.ts';
import { fromChangeNowCurrency, toChangeNowCurrency } from '../currency-map.ts';
import { changeNowErrorSchema, createdExchangeSchema, currenciesSchema, estimateSchema, exchangeByIdSchema, minAmountSchema } from './wire-schemas.ts';

export type ChangeNowClientOptions = {
  readonly apiUrl: string; // e.g. https://api.changenow.io (no /v2)
  readonly apiKey: string;
  readonly timeoutMs: number;
  readonly fetch?: FetchLike;
};

export type ChangeNowListedCurrency = {
  readonly ticker: string;
  readonly network: string;
  readonly name: string;
  readonly supportsFixedRate: boolean;
  /** Our registry code for it, or null when PayGate does not map this pair. */
  readonly code: string | null;
};

export type ChangeNowClient = PayoutExchange & {
  /** Active currencies (GET /v2/exchange/currencies?active=true). */
  currencies(): Promise<readonly ChangeNowListedCurrency[]>;
};

const readError = errorBodyReader(changeNowErrorSchema, (body) => ({
  ...(body.message === undefined ? {} : { message: body.message }),
  ...(body.error === undefined ? {} : { code: body.error }),
}));

const EXCHANGE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const ADDRESS = /^[A-Za-z0-9:_-]{1,128}$/;

const requireAddress = (field: string, value: string): void => {
  if (!ADDRESS.test(value)) throw new PayGateError('validation', `${field} is not an address`, { field });
};

/** The amount must be positive and in its registry currency's decimals, else the text sent would mean something else. */
const requireAmount = (from: Money): void => {
  const info = currencyInfo(from.currency);
  if (from.decimals !== info.decimals) {
    throw new PayGateError('validation', `${info.code} amounts have ${info.decimals} decimals, not ${from.decimals}`, { currency: info.code });
  }
  if (from.amount <= 0n) throw new PayGateError('validation', 'the amount to exchange must be positive', { currency: info.code });
};

const pairQuery = (fromCurrency: string, toCurrency: string): Record<string, string> => {
  const from = toChangeNowCurrency(fromCurrency);
  const to = toChangeNowCurrency(toCurrency);
  return { fromCurrency: from.ticker, toCurrency: to.ticker, fromNetwork: from.network, toNetwork: to.network };
};

const withQuery = (path: string, query: Record<string, string>) => `${path}?${new URLSearchParams(query).toString()}`;

const isExchangeStatus = (status: string): status is ExchangeStatus => (EXCHANGE_STATUSES as readonly string[]).includes(status);

export const createChangeNowClient = (options: ChangeNowClientOptions): ChangeNowClient => {
  checkProviderOptions('ChangeNOW', options);
  const ctx: ProviderContext = {
    provider: 'ChangeNOW',
    apiUrl: options.apiUrl.replace(/\/+$/, ''),
    apiKey: options.apiKey,
    apiKeyHeader: 'x-changenow-api-key',
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    timeoutMs: options.timeoutMs,
    readError,
    parseJson: parseJsonKeepingNumberText,
  };

  const estimate = async (from: Money, toCurrency: string, flow: 'fixed-rate' | 'standard') => {
    requireAmount(from);
    const query = { ...pairQuery(from.currency, toCurrency), fromAmount: moneyToAmount(from), flow, type: 'direct' };
    const path = withQuery('/v2/exchange/estimated-amount', flow === 'fixed-rate' ? { ...query, useRateId: 'true' } : query);
    return providerRequest(ctx, { operation: `${flow} estimate`, method: 'GET', path }, estimateSchema);
  };

  return {
    async currencies() {
      const path = withQuery('/v2/exchange/currencies', { active: 'true' });
      const list = await providerRequest(ctx, { operation: 'list currencies', method: 'GET', path }, currenciesSchema);
      return list.map((c) => ({
        ticker: c.ticker,
        network: c.network,
        name: c.name ?? c.ticker,
        supportsFixedRate: c.supportsFixedRate ?? false,
        code: fromChangeNowCurrency(c.ticker, c.network) ?? null,
      }));
    },

    async minimumAmount(fromCurrency, toCurrency) {
      const path = withQuery('/v2/exchange/min-amount', { ...pairQuery(fromCurrency, toCurrency), flow: 'fixed-rate' });
      const { minAmount } = await providerRequest(ctx, { operation: 'min amount', method: 'GET', path }, minAmountSchema);
      // Up, unlike every other amount: sending the minimum rounded down would fall below it.
      return amountToMoney(minAmount, fromCurrency, 'up');
    },

    async quoteFixedRate(from, toCurrency) {
      const quote = await estimate(from, toCurrency, 'fixed-rate');
      if (!quote.rateId || !quote.validUntil) {
        throw new PayGateError('unavailable', 'ChangeNOW fixed-rate estimate came without a rateId', { operation: 'fixed-rate estimate' });
      }
      return { to: amountToMoney(quote.toAmount, toCurrency), rateId: quote.rateId, validUntil: new Date(quote.validUntil).toISOString() };
    },

    async estimateStandard(from, toCurrency) {
      const quote = await estimate(from, toCurrency, 'standard');
      return amountToMoney(quote.toAmount, toCurrency);
    },

    async createExchange(request) {
      requireAmount(request.from);
      requireAddress('address', request.address);
      requireAddress('refundAddress', request.refundAddress);
      if (request.rateId.trim() === '') throw new PayGateError('validation', 'rateId is empty', { field: 'rateId' });
      const pair = pairQuery(request.from.currency, request.toCurrency);
      const body = JSON.stringify({
        ...pair,
        fromAmount: moneyToAmount(request.from),
        address: request.address,
        refundAddress: request.refundAddress,
        flow: 'fixed-rate',
        type: 'direct',
        rateId: request.rateId,
      });
      const created = await providerRequest(ctx, { operation: 'create exchange', method: 'POST', path: '/v2/exchange', body }, createdExchangeSchema);
      return { exchangeId: created.id, payinAddress: created.payinAddress, expectedTo: amountToMoney(created.toAmount, request.toCurrency) };
    },

    async exchangeStatus(exchangeId) {
      if (!EXCHANGE_ID.test(exchangeId)) throw new PayGateError('validation', 'not a ChangeNOW exchange id', { field: 'exchangeId' });
      const path = withQuery('/v2/exchange/by-id', { id: exchangeId });
      const exchange = await providerRequest(ctx, { operation: 'exchange status', method: 'GET', path }, exchangeByIdSchema);
      const status = exchange.status;
      if (!isExchangeStatus(status)) {
        const shown = status.slice(0, 40);
        throw new PayGateError('unavailable', `ChangeNOW reported an unknown exchange status ${JSON.stringify(shown)}`, { exchangeId, status: shown });
      }
      const toCode = fromChangeNowCurrency(exchange.toCurrency, exchange.toNetwork);
      if (!toCode) {
        throw new PayGateError('unavailable', 'ChangeNOW exchange pays a currency PayGate does not map', {
          exchangeId,
          toCurrency: exchange.toCurrency.slice(0, 32),
          toNetwork: exchange.toNetwork.slice(0, 32),
        });
      }
      // ChangeNOW fills these in once it paid; before `finished` they mean nothing to the owner.
      const finished = status === 'finished';
      return {
        status,
        ...(finished && exchange.payoutHash ? { payoutHash: exchange.payoutHash } : {}),
        ...(finished && exchange.amountTo != null ? { received: amountToMoney(exchange.amountTo, toCode) } : {}),
      };
    },
  };
};
