/**
 * What the simulator writes on the wire, shaped like ChangeNOW v2: amounts are JSON numbers
 * written digit for digit from exact decimals (JSON.rawJSON, never a double), errors are
 * `{error, message}`.
 */
import { decimalOf, formatDecimal } from '@paygate/domain';
import { parseJsonKeepingNumberText } from '../amounts.ts';
import type { SimulatedExchange } from './exchange-flow.ts';

// Node ≥ 21 has JSON.rawJSON; the ES2024 lib does not declare it yet.
const rawJson = (JSON as unknown as { rawJSON(text: string): unknown }).rawJSON;

/** A canonical decimal as a JSON number literal with exactly its digits. */
export const jsonNumber = (decimal: string): unknown => rawJson(decimal);

const unitsNumber = (units: bigint | null, decimals: number): unknown => (units === null ? null : jsonNumber(formatDecimal(decimalOf(units, decimals))));

export const jsonResponse = (body: unknown, status = 200): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });

export type ChangeNowErrorCode = 'not_valid_params' | 'out_of_range' | 'pair_is_inactive' | 'not_found' | 'unauthorized' | 'internal_error';

export const errorResponse = (status: number, error: ChangeNowErrorCode, message: string): Response => jsonResponse({ error, message }, status);

const iso = (date: Date | null) => (date === null ? null : date.toISOString());

/** GET /v2/exchange/by-id: the documented fields; unset ones are null. */
export const exchangeJson = (e: SimulatedExchange) => ({
  id: e.id,
  status: e.status,
  actionsAvailable: e.status === 'failed',
  fromCurrency: e.from.ticker,
  fromNetwork: e.from.network,
  toCurrency: e.to.ticker,
  toNetwork: e.to.network,
  fromLegacyTicker: e.from.code.toLowerCase(),
  toLegacyTicker: e.to.code.toLowerCase(),
  expectedAmountFrom: jsonNumber(e.fromAmount),
  expectedAmountTo: jsonNumber(e.toAmount),
  amountFrom: unitsNumber(e.amountFromUnits, e.from.decimals),
  amountTo: unitsNumber(e.amountToUnits, e.to.decimals),
  payinAddress: e.payinAddress,
  payoutAddress: e.payoutAddress,
  payinExtraId: null,
  payoutExtraId: null,
  refundAddress: e.refundAddress,
  refundExtraId: null,
  createdAt: e.createdAt.toISOString(),
  updatedAt: e.updatedAt.toISOString(),
  depositReceivedAt: iso(e.depositReceivedAt),
  validUntil: iso(e.validUntil),
  payinHash: null,
  payoutHash: e.payoutHash,
  refundHash: e.refundHash,
  refundAmount: unitsNumber(e.refundUnits, e.from.decimals),
  userId: null,
});

/** The control API's view of an exchange: plain strings for every amount, plus what the simulator knows. */
export const exchangeControlJson = (e: SimulatedExchange) => ({
  ...(parseJsonKeepingNumberText(JSON.stringify(exchangeJson(e))) as Record<string, unknown>),
  flow: e.flow,
  rateId: e.rateId,
  forced: e.forced,
  expectedFromUnits: e.expectedFromUnits.toString(),
  nextStepAt: e.nextStepAt.toISOString(),
  lastError: e.lastError,
});
