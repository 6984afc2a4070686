import * as v from 'valibot';
import { PayGateError } from '../errors/index.ts';

type AnySchema = v.GenericSchema<unknown, unknown>;

/** What is wrong, by dotted path; the messages are the schemas' (valibot's echo at most the offending value). */
const describeIssues = (issues: readonly v.BaseIssue<unknown>[]) =>
  issues.map((issue) => ({ path: v.getDotPath(issue) ?? '(root)', message: issue.message.slice(0, 120) }));

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
  const summary = issues.map((issue) => `${issue.path} (${issue.message})`).join('; ');
  throw new PayGateError('validation', `invalid ${what}: ${summary}`, { issues });
};

/**
 * A parser for one decider's events: `parse({ type, data })` validates against the schema for
 * that type (unknown types are a validation error) and returns the typed event.
 *
 * The result is remembered per event object (recorded events are never changed once read): a read
 * model parses an event in `touches` and again in `evolve`, and several read models parse the same
 * one, so a replay or a projection batch would otherwise validate each event many times. Only
 * successes are remembered; an invalid event throws at every call. The parsed event is shared, so
 * callers must not change it (none does: folds build new rows).
 */
export const createEventParser = <Schema extends AnySchema>(schema: Schema, family: string) => {
  const parsed = new WeakMap<object, v.InferOutput<Schema>>();
  return (event: { type: string; data: unknown }): v.InferOutput<Schema> => {
    const known = parsed.get(event);
    if (known !== undefined) return known;
    const output = parseWithSchema(schema, { type: event.type, data: event.data }, `${family} event ${JSON.stringify(event.type)}`);
    parsed.set(event, output);
    return output;
  };
};
