import * as v from 'valibot';
import { formatMoney, moneyFromJson, MoneyJsonSchema, type RecordedEvent } from '@paygate/domain';

/**
 * An event for people: its header, then one `field: value` line per data field, amounts as
 * decimals with their currency (`12.00 USD`, not minor units). `--json` keeps the raw event.
 */
const valueText = (value: unknown): string => {
  if (v.is(MoneyJsonSchema, value)) return `${formatMoney(moneyFromJson(value))} ${value.currency}`;
  if (typeof value === 'string') return value;
  return JSON.stringify(value, (_key, inner: unknown) => (v.is(MoneyJsonSchema, inner) ? `${formatMoney(moneyFromJson(inner))} ${inner.currency}` : inner));
};

export const describeEvent = (event: Pick<RecordedEvent, 'streamRevision' | 'recordedAt' | 'type' | 'id' | 'data'>): string => {
  const data = typeof event.data === 'object' && event.data !== null ? Object.entries(event.data as Record<string, unknown>) : [];
  const width = Math.max(0, ...data.map(([key]) => key.length));
  const fields = data.map(([key, value]) => `    ${`${key}:`.padEnd(width + 1)} ${valueText(value)}`);
  return [`#${event.streamRevision} ${event.recordedAt.toISOString()} ${event.type} (${event.id})`, ...fields].join('\n');
};
