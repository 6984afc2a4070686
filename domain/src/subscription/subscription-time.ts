import { PayGateError } from '../errors/index.ts';

/**
 * Time arithmetic for periods, on ISO strings as events carry them. A day is 86,400 s of UTC
 * (Telegram and the chain do not know time zones; "30 days" is 720 hours, written down).
 */
export const DAY_MS = 86_400_000;

export const toMs = (iso: string): number => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new PayGateError('validation', `not a timestamp: ${JSON.stringify(iso.slice(0, 40))}`);
  return ms;
};

export const addMs = (iso: string, ms: number): string => new Date(toMs(iso) + ms).toISOString();

export const addDays = (iso: string, days: number): string => addMs(iso, days * DAY_MS);

/** Grace after the end during which a payment still renews from the end and the subscriber is not yet removed. */
export const assertGraceSeconds = (graceSeconds: number): number => {
  if (!Number.isInteger(graceSeconds) || graceSeconds < 0 || graceSeconds > 30 * 86_400) {
    throw new PayGateError('validation', 'graceSeconds must be an integer from 0 to 30 days', { graceSeconds });
  }
  return graceSeconds;
};

export const graceEnd = (endsAt: string, graceSeconds: number): number => toMs(endsAt) + assertGraceSeconds(graceSeconds) * 1000;
