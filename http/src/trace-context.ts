import { randomBytes } from 'node:crypto';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/**
 * W3C trace context for the events a request appends: the caller's `traceparent` continued with a
 * new span id, or a new trace. The relay copies it into NATS headers and process managers into
 * the events they cause, so one trace id follows a payment from webhook to split.
 */
export const continueTrace = (incomingTraceparent: string | undefined): string => {
  const match = incomingTraceparent ? TRACEPARENT.exec(incomingTraceparent.trim()) : null;
  const traceId = match && !/^0+$/.test(match[1]!) ? match[1]! : randomBytes(16).toString('hex');
  const flags = match?.[3] ?? '01';
  return `00-${traceId}-${randomBytes(8).toString('hex')}-${flags}`;
};
