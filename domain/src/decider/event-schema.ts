import * as v from 'valibot';
import { PayGateError } from '../errors/index.ts';

type AnySchema = v.GenericSchema<unknown, unknown>;

/** Safe-to-show list of what is wrong: dotted paths and valibot's messages, never the values. */
const describeIssues = (issues: readonly v.BaseIssue<unknown>[]) =>
  issues.map((issue) => ({ path: v.getDotPath(issue) ?? '(root)', message: issue.message }));

/**
 * Parses `value` with `schema` or throws PayGateError('validation') naming the offending fields.
 * Deciders run every event they emit through its schema, so a command that would produce an
 * invalid event fails here, and handlers run events read back from a store through it too.
 */
export const parseWithSchema = <Schema extends AnySchema>(
  schema: Schema,
  value: unknown,
  what: string,
): v.InferOutput<Schema> => {
  const result = v.safeParse(schema, value);
  if (result.success) return result.output;
  const issues = describeIssues(result.issues);
  const fields = [...new Set(issues.map((issue) => issue.path))].join(', ');
  throw new PayGateError('validation', `invalid ${what}: ${fields}`, { issues });
};

/**
 * A parser for one decider's events: `parse({ type, data })` validates against the schema for
 * that type (unknown types are a validation error) and returns the typed event.
 */
export const createEventParser = <Schema extends AnySchema>(schema: Schema, family: string) => {
  return (event: { type: string; data: unknown }): v.InferOutput<Schema> =>
    parseWithSchema(schema, { type: event.type, data: event.data }, `${family} event ${JSON.stringify(event.type)}`);
};
