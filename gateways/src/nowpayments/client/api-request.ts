/**
 * One NOWPayments HTTP call: the shared provider request (timeout, validation, PayGateError
 * mapping, key redaction) with NOWPayments' `x-api-key` header and error body.
 */
import type * as v from 'valibot';
import { errorBodyReader, providerRequest, type FetchLike, type ProviderRequest } from '../../http/index.ts';
import { apiErrorSchema } from './api-schemas.ts';

export { redactor, type FetchLike } from '../../http/index.ts';

export type ApiRequestContext = {
  readonly apiUrl: string;
  readonly apiKey: string;
  readonly fetch: FetchLike;
  readonly timeoutMs: number;
};

export type ApiRequest = ProviderRequest;

const readError = errorBodyReader(apiErrorSchema, (body) => ({
  ...(body.message === undefined ? {} : { message: body.message }),
  ...(body.code === undefined ? {} : { code: body.code }),
}));

export const apiRequest = <S extends v.GenericSchema>(ctx: ApiRequestContext, request: ApiRequest, schema: S): Promise<v.InferOutput<S>> =>
  providerRequest({ ...ctx, provider: 'NOWPayments', apiKeyHeader: 'x-api-key', readError }, request, schema);
