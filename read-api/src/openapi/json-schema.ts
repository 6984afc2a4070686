import type * as v from 'valibot';
import { toJsonSchema, toJsonSchemaDefs, type ConversionConfig, type JsonSchema } from '@valibot/to-json-schema';
import { responseSchemas } from './response-schemas.ts';

export type { JsonSchema } from '@valibot/to-json-schema';

export const COMPONENT_SCHEMAS = '#/components/schemas/';

/**
 * Conversion is strict (errorMode 'throw'): a schema the converter cannot express fails the build
 * of the document (and its test) instead of being described wrongly. The only exceptions are
 * named: `check` and `finite` add rules JSON Schema has no words for (the server still applies
 * them), and the `u` flag, which JSON Schema's ECMA-262 patterns are matched with anyway.
 */
const base: ConversionConfig = {
  target: 'draft-2020-12',
  errorMode: 'throw',
  ignoreActions: ['check', 'finite'],
  overrideAction: ({ valibotAction, jsonSchema, errors }) =>
    valibotAction.type === 'regex' && errors?.length === 1 && (valibotAction as v.RegexAction<string, undefined>).requirement.flags === 'u' ? jsonSchema : undefined,
};

const withoutDialect = ({ $schema: _dialect, ...schema }: JsonSchema): JsonSchema => {
  if (schema.$defs) throw new Error('a request schema must not need $defs: its references would not resolve inside the OpenAPI document');
  return schema;
};

/**
 * What a client SENDS (query, path, body): the input side of every pipe, so a `limit` that the
 * server turns into a number is documented as the digits the client writes.
 */
export const requestJsonSchema = (schema: v.GenericSchema): JsonSchema => withoutDialect(toJsonSchema(schema, { ...base, typeMode: 'input' }));

/**
 * What a client RECEIVES: every response schema as a named component; a listed schema nested in
 * another becomes a `$ref` to its component.
 */
export const responseComponentSchemas = (): Record<string, JsonSchema> =>
  toJsonSchemaDefs(responseSchemas, { ...base, typeMode: 'output', overrideRef: ({ referenceId }) => `${COMPONENT_SCHEMAS}${referenceId}` });
