import { validationError, type ConsumerOptions } from '@paygate/domain';

/** Consumer options with every default filled in; both adapters read only this. */
export type ConsumerSettings = {
  name: string;
  filterSubject: string;
  ackWaitMs: number;
  maxDeliver: number;
  backoffMs: readonly number[];
  maxInFlight: number;
};

export const CONSUMER_DEFAULTS = {
  ackWaitMs: 30_000,
  maxDeliver: 5,
  backoffMs: [1_000, 5_000, 30_000],
  // One at a time keeps delivery in stream order unless the caller opts into concurrency.
  maxInFlight: 1,
} as const;

// JetStream durable names: no whitespace, no `.`, `*`, `>` (they would break subjects). The same
// rule applies in-process so a name that works in one adapter works in the other.
const DURABLE_NAME = /^[A-Za-z0-9_-]{1,64}$/;

export const isValidConsumerName = (name: string): boolean => DURABLE_NAME.test(name);

const positiveInteger = (value: number, field: string): number => {
  if (!Number.isSafeInteger(value) || value < 1) throw validationError(`${field} must be a positive integer`, { field });
  return value;
};

export const consumerSettings = (options: ConsumerOptions): ConsumerSettings => {
  if (!DURABLE_NAME.test(options.name)) {
    throw validationError('consumer name must be 1-64 characters of A-Z, a-z, 0-9, _ or -', { field: 'name' });
  }
  if (!isValidSubject(options.filterSubject, { wildcards: true })) {
    throw validationError('filterSubject is not a valid subject filter', { field: 'filterSubject' });
  }
  const backoffMs = options.backoffMs ?? CONSUMER_DEFAULTS.backoffMs;
  for (const delay of backoffMs) {
    if (!Number.isSafeInteger(delay) || delay < 0) throw validationError('backoffMs entries must be integers >= 0', { field: 'backoffMs' });
  }
  return {
    name: options.name,
    filterSubject: options.filterSubject,
    ackWaitMs: positiveInteger(options.ackWaitMs ?? CONSUMER_DEFAULTS.ackWaitMs, 'ackWaitMs'),
    maxDeliver: positiveInteger(options.maxDeliver ?? CONSUMER_DEFAULTS.maxDeliver, 'maxDeliver'),
    backoffMs,
    maxInFlight: positiveInteger(options.maxInFlight ?? CONSUMER_DEFAULTS.maxInFlight, 'maxInFlight'),
  };
};

/** Delay before the redelivery that follows failed delivery number `deliveryCount` (last value repeats). */
export const backoffDelay = (backoffMs: readonly number[], deliveryCount: number): number =>
  backoffMs.length === 0 ? 0 : (backoffMs[Math.min(deliveryCount, backoffMs.length) - 1] ?? 0);

const MAX_ERROR_TEXT = 500;

/** What a dead letter records of a handler failure: the message only, never the stack. */
export const errorText = (error: unknown): string => {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > MAX_ERROR_TEXT ? `${text.slice(0, MAX_ERROR_TEXT)}…` : text;
};

/** The error recorded when the last allowed delivery was never acknowledged (handler hung or the process died). */
export const ACK_TIMEOUT_ERROR = 'no acknowledgement within ackWait on the last allowed delivery';

const TOKEN = /^[^\s.*>]+$/;

/** NATS subject syntax: dot-separated non-empty tokens; `*` and a final `>` only in filters. */
export const isValidSubject = (subject: string, { wildcards }: { wildcards: boolean }): boolean => {
  const tokens = subject.split('.');
  return tokens.every((token, index) => {
    if (wildcards && token === '*') return true;
    if (wildcards && token === '>') return index === tokens.length - 1;
    return TOKEN.test(token);
  });
};

/** NATS wildcard matching: `*` matches one token, a trailing `>` one or more. */
export const subjectMatches = (filter: string, subject: string): boolean => {
  const want = filter.split('.');
  const got = subject.split('.');
  for (let index = 0; index < want.length; index++) {
    const token = want[index];
    if (token === '>') return got.length > index;
    if (index >= got.length) return false;
    if (token !== '*' && token !== got[index]) return false;
  }
  return want.length === got.length;
};
