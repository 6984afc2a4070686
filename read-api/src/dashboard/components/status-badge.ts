import { html } from 'hono/html';
import type { Markup } from '../markup.ts';

type Tone = 'ok' | 'warn' | 'bad' | 'neutral';

// Payment statuses and outcomes, payout statuses and subscription statuses share one palette;
// anything unknown is shown neutral (the class comes from this table, never from the data).
const TONES: Readonly<Record<string, Tone>> = {
  finished: 'ok',
  received: 'ok',
  sent: 'ok',
  active: 'ok',
  waiting: 'warn',
  confirming: 'warn',
  confirmed: 'warn',
  sending: 'warn',
  partially_paid: 'warn',
  running: 'warn',
  held: 'warn',
  held_for_review: 'warn',
  underpaid: 'warn',
  mismatched: 'warn',
  paid_twice: 'warn',
  redeposit: 'warn',
  failed: 'bad',
  rejected: 'bad',
};

/** A status as a coloured pill with its words ("partially_paid" → "partially paid"). */
export const statusBadge = (status: string | null | undefined): Markup => {
  if (!status) return html`<span class="muted">—</span>`;
  const tone = Object.hasOwn(TONES, status) ? TONES[status] : 'neutral';
  return html`<span class="badge badge-${tone}">${status.replaceAll('_', ' ')}</span>`;
};
