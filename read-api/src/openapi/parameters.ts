import type * as v from 'valibot';
import { IdSchema } from '@paygate/domain';
import { MAX_PAYMENT_PAGE_SIZE } from '@paygate/projections';
import { requestJsonSchema, type JsonSchema } from './json-schema.ts';

export type ParameterObject = { name: string; in: 'query' | 'path'; required: boolean; description?: string; schema: JsonSchema };

const PATH_PARAMETER = /\{([^}]+)\}/g;

/** The names in an OpenAPI path template, in order: `/payments/{id}/events` → `['id']`. */
export const pathParameterNames = (path: string): string[] => [...path.matchAll(PATH_PARAMETER)].map((match) => match[1]!);

/** Every path parameter is an id, checked by `parseIdParam` with the events' IdSchema. */
export const pathParameters = (path: string): ParameterObject[] =>
  pathParameterNames(path).map((name) => ({ name, in: 'path', required: true, schema: requestJsonSchema(IdSchema) }));

/** What each query parameter means, wherever it appears (one meaning per name across the API). */
const QUERY_NOTES: Readonly<Record<string, string>> = {
  invoice: 'Only the payments of this invoice.',
  channel: 'Only this channel.',
  owner: "Only this owner's (Telegram user id).",
  status: 'Only rows in this status.',
  limit: `Page size, 1 to ${MAX_PAYMENT_PAGE_SIZE}.`,
  cursor: 'The `nextCursor` of the previous page.',
  interval: 'Bucket size of the series (UTC).',
  from: 'First day, inclusive (UTC date).',
  to: 'Day after the last, exclusive (UTC date).',
};

/**
 * One query parameter per key of the (strict) query object, required when not optional; its
 * schema is what the client writes, with the server's default when it has one.
 */
export const queryParameters = (query: v.GenericSchema): ParameterObject[] => {
  const object = requestJsonSchema(query);
  if (object.type !== 'object' || object.properties === undefined) throw new Error('a query schema must be an object schema');
  const required = new Set(object.required ?? []);
  return Object.entries(object.properties).map(([name, schema]) => {
    if (typeof schema === 'boolean') throw new Error(`query parameter ${name} needs a schema`);
    const { description = QUERY_NOTES[name], ...rest } = schema;
    return { name, in: 'query', required: required.has(name), ...(description === undefined ? {} : { description }), schema: rest };
  });
};

/** A body schema that may be left out (`v.optional(…)`) documents an optional request body. */
export const bodyIsOptional = (body: v.GenericSchema): boolean => body.type === 'optional';
