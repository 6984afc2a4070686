import { html } from 'hono/html';
import type { Markup } from '../markup.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const validDate = (value: string | Date): Date | undefined => {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
};

/** "2025-01-06 13:04 UTC"; the input unchanged when it is not a timestamp. Everything is shown in UTC. */
export const utcText = (iso: string): string => {
  const date = validDate(iso);
  return date ? `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC` : iso;
};

/** "2025-01-06" (UTC); a string that is not a timestamp unchanged. */
export const utcDateText = (value: string | Date): string => validDate(value)?.toISOString().slice(0, 10) ?? String(value);

/** "6 Jan", "6 Jan 2025" or "Jan 2025": a short chart label for a bucket start. */
export const shortDateLabel = (date: Date, form: 'day' | 'day-year' | 'month'): string => {
  const month = MONTHS[date.getUTCMonth()] ?? '';
  if (form === 'month') return `${month} ${date.getUTCFullYear()}`;
  const day = `${date.getUTCDate()} ${month}`;
  return form === 'day-year' ? `${day} ${date.getUTCFullYear()}` : day;
};

/**
 * A timestamp cell: readable UTC text, the exact instant in `datetime`. Date and time are kept
 * whole (a narrow column breaks between them, never inside "2025-03-01").
 */
export const timeText = (iso: string | null | undefined): Markup => {
  if (!iso) return html`<span class="muted">—</span>`;
  const [day, clock] = utcText(iso).split(' ', 2);
  return clock === undefined
    ? html`<time datetime="${iso}">${iso}</time>`
    : html`<time datetime="${iso}"><span>${day}</span> <span>${clock}&nbsp;UTC</span></time>`;
};
