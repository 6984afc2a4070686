import * as v from 'valibot';
import { IdSchema, PAYMENT_STATUSES, TelegramUserIdSchema } from '@paygate/domain';
import { DEFAULT_PAYMENT_PAGE_SIZE, MAX_PAYMENT_PAGE_SIZE, PAYOUT_STATUSES, REVENUE_INTERVALS, type RowPageKey } from '@paygate/projections';
import { decodeCursor } from './cursor.ts';

const LIMIT_MESSAGE = `must be an integer from 1 to ${MAX_PAYMENT_PAGE_SIZE}`;
const LimitSchema = v.pipe(v.string(), v.regex(/^[1-9]\d{0,2}$/, LIMIT_MESSAGE), v.transform(Number), v.maxValue(MAX_PAYMENT_PAGE_SIZE, LIMIT_MESSAGE));

/** The one opaque cursor shape of every list, its id being the row's. */
export const RowCursorSchema = v.pipe(
  v.string(),
  v.rawTransform(({ dataset, addIssue, NEVER }): RowPageKey => {
    const key = decodeCursor(dataset.value);
    if (key) return key;
    addIssue({ message: 'is not a cursor this API issued' });
    return NEVER;
  }),
);

const DateSchema = v.pipe(
  v.string(),
  v.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD'),
  // A calendar date that does not exist (2023-02-29, 2024-13-01) is refused: it must print back as given.
  v.check((text) => {
    const date = new Date(`${text}T00:00:00.000Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
  }, 'must be a real date'),
  v.transform((text) => new Date(`${text}T00:00:00.000Z`)),
);

export const ChannelListQuerySchema = v.strictObject({
  limit: v.optional(LimitSchema, String(DEFAULT_PAYMENT_PAGE_SIZE)),
  cursor: v.optional(RowCursorSchema),
});

export const SubscriberListQuerySchema = v.strictObject({
  channel: v.optional(IdSchema),
  status: v.optional(v.picklist(['active', 'expired'], 'must be active or expired')),
  limit: v.optional(LimitSchema, String(DEFAULT_PAYMENT_PAGE_SIZE)),
  cursor: v.optional(RowCursorSchema),
});

/** Longest range a revenue query may span: a daily series of ~3 years. */
export const MAX_REVENUE_DAYS = 1100;

/** `from` (inclusive) and `to` (exclusive) are UTC dates; defaults: the 30 days up to tomorrow. */
export const RevenueQuerySchema = v.strictObject({
  interval: v.optional(v.picklist(REVENUE_INTERVALS, `must be one of ${REVENUE_INTERVALS.join(', ')}`), 'day'),
  from: v.optional(DateSchema),
  to: v.optional(DateSchema),
  channel: v.optional(IdSchema),
});

/** Exports: everything matching, newest first, streamed; filters as the lists'. */
export const PaymentExportQuerySchema = v.strictObject({
  channel: v.optional(IdSchema),
  status: v.optional(v.picklist(PAYMENT_STATUSES, `must be one of ${PAYMENT_STATUSES.join(', ')}`)),
});

export const PayoutExportQuerySchema = v.strictObject({
  channel: v.optional(IdSchema),
  status: v.optional(v.picklist(PAYOUT_STATUSES, `must be one of ${PAYOUT_STATUSES.join(', ')}`)),
});

/** Dashboard logins: an owner lists their own; admins and auditors anyone's (`owner` narrows). */
export const SessionListQuerySchema = v.strictObject({
  owner: v.optional(TelegramUserIdSchema),
  limit: v.optional(LimitSchema, String(DEFAULT_PAYMENT_PAGE_SIZE)),
  cursor: v.optional(RowCursorSchema),
});
