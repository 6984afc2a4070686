import * as v from 'valibot';
import { IdSchema, PAYMENT_STATUSES, PayGateError, parseWithSchema } from '@paygate/domain';
import { DEFAULT_PAYMENT_PAGE_SIZE, MAX_PAYMENT_PAGE_SIZE } from '@paygate/projections';
import { decodeCursor } from './cursor.ts';

const IdPathSchema = v.object({ id: IdSchema });

/** The `:id` of a route, validated like the ids in events (so it names the field when wrong). */
export const parseIdParam = (id: string | undefined): string => parseWithSchema(IdPathSchema, { id }, 'path parameter').id;

const LIMIT_MESSAGE = `must be an integer from 1 to ${MAX_PAYMENT_PAGE_SIZE}`;

const LimitSchema = v.pipe(
  v.string(),
  v.regex(/^[1-9]\d{0,2}$/, LIMIT_MESSAGE),
  v.transform(Number),
  v.maxValue(MAX_PAYMENT_PAGE_SIZE, LIMIT_MESSAGE),
);

const CursorSchema = v.pipe(
  v.string(),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const key = decodeCursor(dataset.value);
    if (key) return { position: key.position, paymentId: key.id };
    addIssue({ message: 'is not a cursor this API issued' });
    return NEVER;
  }),
);

export const PaymentListQuerySchema = v.strictObject({
  invoice: v.optional(IdSchema),
  channel: v.optional(IdSchema),
  status: v.optional(v.picklist(PAYMENT_STATUSES, `must be one of ${PAYMENT_STATUSES.join(', ')}`)),
  limit: v.optional(LimitSchema, String(DEFAULT_PAYMENT_PAGE_SIZE)),
  cursor: v.optional(CursorSchema),
});

export type PaymentListQuery = v.InferOutput<typeof PaymentListQuerySchema>;

/**
 * The query of `GET /api/v1/payments` from hono's `c.req.queries()`. Unknown parameters and a
 * parameter given twice are rejected, so a typo never silently widens the filter.
 */
export const parsePaymentListQuery = (queries: Record<string, string[]>): PaymentListQuery => {
  const repeated = Object.keys(queries).find((name) => queries[name]!.length !== 1);
  if (repeated !== undefined) {
    const path = repeated.slice(0, 64);
    throw new PayGateError('validation', `invalid query: ${path} (must be given once)`, { issues: [{ path, message: 'must be given once' }] });
  }
  // fromEntries defines own properties, so even a "__proto__" parameter is seen (and rejected as unknown).
  const single = Object.fromEntries(Object.entries(queries).map(([name, values]) => [name, values[0]]));
  return parseWithSchema(PaymentListQuerySchema, single, 'query');
};
