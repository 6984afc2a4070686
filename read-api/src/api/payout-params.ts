import * as v from 'valibot';
import { IdSchema, PayGateError, parseWithSchema, TelegramUserIdSchema } from '@paygate/domain';
import { DEFAULT_PAYOUT_PAGE_SIZE, MAX_PAYOUT_PAGE_SIZE, PAYOUT_STATUSES, type PayoutPageKey } from '@paygate/projections';
import { decodeCursor } from './cursor.ts';

const LIMIT_MESSAGE = `must be an integer from 1 to ${MAX_PAYOUT_PAGE_SIZE}`;

const LimitSchema = v.pipe(v.string(), v.regex(/^[1-9]\d{0,2}$/, LIMIT_MESSAGE), v.transform(Number), v.maxValue(MAX_PAYOUT_PAGE_SIZE, LIMIT_MESSAGE));

// The payments' cursor format, its id being the payout's: one opaque shape for every list.
const CursorSchema = v.pipe(
  v.string(),
  v.rawTransform(({ dataset, addIssue, NEVER }): PayoutPageKey => {
    const key = decodeCursor(dataset.value);
    if (key) return { position: key.position, payoutId: key.id };
    addIssue({ message: 'is not a cursor this API issued' });
    return NEVER;
  }),
);

export const PayoutListQuerySchema = v.strictObject({
  channel: v.optional(IdSchema),
  owner: v.optional(TelegramUserIdSchema),
  status: v.optional(v.picklist(PAYOUT_STATUSES, `must be one of ${PAYOUT_STATUSES.join(', ')}`)),
  limit: v.optional(LimitSchema, String(DEFAULT_PAYOUT_PAGE_SIZE)),
  cursor: v.optional(CursorSchema),
});

export const BalanceQuerySchema = v.strictObject({ owner: v.optional(TelegramUserIdSchema) });

/**
 * A query from hono's `c.req.queries()` against `schema`: unknown parameters and a parameter
 * given twice are rejected (as for the payments list), so a typo never widens the answer.
 */
export const parseQueryOnce = <Schema extends v.GenericSchema<unknown, unknown>>(schema: Schema, queries: Record<string, string[]>): v.InferOutput<Schema> => {
  const repeated = Object.keys(queries).find((name) => queries[name]!.length !== 1);
  if (repeated !== undefined) {
    const path = repeated.slice(0, 64);
    throw new PayGateError('validation', `invalid query: ${path} (must be given once)`, { issues: [{ path, message: 'must be given once' }] });
  }
  return parseWithSchema(schema, Object.fromEntries(Object.entries(queries).map(([name, values]) => [name, values[0]])), 'query');
};
