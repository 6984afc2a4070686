import type { ColumnType } from 'kysely';
import type { GlobalPosition, Money } from '@paygate/domain';

/**
 * Column shapes shared by the read models. Money is numeric(78,0) minor units beside its currency
 * and decimals; pg returns numeric as a string, which BigInt reads exactly (never a JS number).
 * Timestamps are timestamptz written from the events' own times, never now(), so a rebuild
 * writes the very same rows.
 */
export type NumericColumn = ColumnType<string, string, string>;
export type NullableNumericColumn = ColumnType<string | null, string | null | undefined, string | null>;
export type TimestampColumn = ColumnType<Date, string, string>;
export type NullableTimestampColumn = ColumnType<Date | null, string | null | undefined, string | null>;

/** numeric(20,0) pair: a GlobalPosition (commit, prepare) as the runner's checkpoints store it. */
export const positionColumns = (position: GlobalPosition) => ({ commit: position.commit.toString(), prepare: position.prepare.toString() });

export const positionFromColumns = (commit: string, prepare: string): GlobalPosition => ({ commit: BigInt(commit), prepare: BigInt(prepare) });

export const moneyFromColumns = (amount: string, currency: string, decimals: number): Money => ({
  amount: BigInt(amount),
  currency,
  decimals,
});

/** Money from three nullable columns; absent unless all three are set. */
export const optionalMoneyFromColumns = (amount: string | null, currency: string | null, decimals: number | null): Money | null =>
  amount === null || currency === null || decimals === null ? null : moneyFromColumns(amount, currency, decimals);

/** ISO 8601 text of a timestamptz as pg returns it (a Date); milliseconds, UTC. */
export const isoTime = (value: Date): string => value.toISOString();

export const optionalIsoTime = (value: Date | null): string | null => (value === null ? null : value.toISOString());
