import * as v from 'valibot';
import { MAX_PAYMENT_PAGE_SIZE } from '@paygate/projections';

// The building blocks of the response schemas: the exact text forms the presenters emit.

/** An instant as the read models print it (`Date.toISOString()`). */
export const TimestampOut = v.pipe(v.string(), v.isoTimestamp());

/** An exact decimal as text (money never travels as a JSON number). */
export const DecimalOut = v.pipe(v.string(), v.regex(/^-?\d+(\.\d+)?$/), v.description('Exact decimal as text'));

/** A whole number as text: minor units, stream revisions, positions (bigints in the domain). */
export const IntegerTextOut = v.pipe(v.string(), v.regex(/^-?\d+$/), v.description('Exact integer as text'));

export const CountOut = v.pipe(v.number(), v.integer(), v.minValue(0));

/** `MoneyOut` of money-json.ts: the decimal with exactly `decimals` fraction digits, and the minor units. */
export const MoneyOutSchema = v.strictObject({
  amount: DecimalOut,
  currency: v.string(),
  decimals: CountOut,
  minorUnits: IntegerTextOut,
});

/** A list page: newest change first; `nextCursor` null on the last page. */
export const pageOf = <Item extends v.GenericSchema>(item: Item) =>
  v.strictObject({
    items: v.array(item),
    limit: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_PAYMENT_PAGE_SIZE)),
    nextCursor: v.nullable(v.string()),
  });
