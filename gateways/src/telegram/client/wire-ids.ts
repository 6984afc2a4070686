/** Ids onto the wire and results off it, shared by the client's methods. */
import * as v from 'valibot';
import { PayGateError } from '@paygate/domain';

/** A chat id as a JSON number (or an @channel username), refusing ids a double cannot hold. */
export const chatIdToWire = (field: string, id: string): number | string => {
  if (/^@[A-Za-z][A-Za-z0-9_]{3,}$/.test(id)) return id;
  return userIdToWire(field, id);
};

export const userIdToWire = (field: string, id: string): number => {
  const n = /^-?\d{1,16}$/.test(id) ? Number(id) : NaN;
  if (!Number.isSafeInteger(n) || String(n) !== id) {
    throw new PayGateError('validation', `${field} must be a decimal integer id within ±2^53`, { field });
  }
  return n;
};

export const parse = <S extends v.GenericSchema>(method: string, schema: S, result: unknown): v.InferOutput<S> => {
  const parsed = v.safeParse(schema, result);
  if (!parsed.success) {
    throw new PayGateError('unavailable', `Telegram ${method} returned an unexpected result`, {
      method,
      fields: parsed.issues.map((i) => v.getDotPath(i) ?? '(result)'),
    });
  }
  return parsed.output;
};

