import { validationError } from '@paygate/domain';

// NATS header rules, applied by both adapters so a header accepted in-process is accepted by NATS.
const KEY = /^[!-9;-~]+$/; // printable ASCII except ':'

/** A validated copy of publish headers; values are trimmed, as the NATS client does. */
export const checkHeaders = (headers: Readonly<Record<string, string>> = {}): Record<string, string> => {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (!KEY.test(key)) throw validationError('header names must be printable ASCII without ":"', { header: key });
    if (/[\r\n]/.test(value)) throw validationError('header values must not contain line breaks', { header: key });
    if (key.toLowerCase().startsWith('nats-')) throw validationError('Nats-* headers are reserved', { header: key });
    result[key] = value.trim();
  }
  return result;
};
