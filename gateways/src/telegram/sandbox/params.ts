/**
 * Bot API parameters arrive as a JSON body, an x-www-form-urlencoded or multipart form, or a
 * query string (all merged, body winning). Form values are strings, so every reader accepts
 * the string spelling too — `"123"`, `"true"`, a JSON-encoded `reply_markup` — as the real
 * server does.
 */
import { badRequest } from './bot-api-error.ts';

export type Params = Readonly<Record<string, unknown>>;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads a request's parameters; a body that cannot be parsed is a 400 like the real server's. */
export const readParams = async (request: Request): Promise<Params> => {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  if (request.method === 'GET' || request.method === 'HEAD') return query;
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  if (type.includes('application/json')) {
    const text = await request.text();
    if (text.trim() === '') return query;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw badRequest("can't parse JSON object");
    }
    if (!isRecord(body)) throw badRequest('JSON object expected');
    return { ...query, ...body };
  }
  if (type.includes('application/x-www-form-urlencoded')) {
    return { ...query, ...Object.fromEntries(new URLSearchParams(await request.text())) };
  }
  if (type.includes('multipart/form-data')) {
    const form = await request.formData();
    const fields: Record<string, unknown> = {};
    for (const [key, value] of form) if (typeof value === 'string') fields[key] = value;
    return { ...query, ...fields };
  }
  return query;
};

const present = (params: Params, name: string) => params[name] !== undefined && params[name] !== null && params[name] !== '';

export const optionalString = (params: Params, name: string): string | undefined => {
  if (!present(params, name)) return undefined;
  const value = params[name];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw badRequest(`field "${name}" must be of type String`);
};

export const optionalInt = (params: Params, name: string): number | undefined => {
  if (!present(params, name)) return undefined;
  const value = params[name];
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(number)) throw badRequest(`field "${name}" must be of type Integer`);
  return number;
};

export const requiredInt = (params: Params, name: string, missing = `${name} is empty`): number => {
  const value = optionalInt(params, name);
  if (value === undefined) throw badRequest(missing);
  return value;
};

export const optionalBool = (params: Params, name: string): boolean | undefined => {
  if (!present(params, name)) return undefined;
  const value = params[name];
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === '1' || value === 1) return true;
  if (value === 'false' || value === '0' || value === 0) return false;
  throw badRequest(`field "${name}" must be of type Boolean`);
};

/** Objects and arrays may come as JSON text inside a form field. */
export const optionalJson = (params: Params, name: string): unknown => {
  if (!present(params, name)) return undefined;
  const value = params[name];
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw badRequest(`can't parse ${name} JSON object`);
  }
};

/** chat_id: an integer, or `@username` of a public chat. */
export const chatIdParam = (params: Params, name = 'chat_id'): number | string => {
  if (!present(params, name)) throw badRequest(`${name} is empty`);
  const value = params[name];
  if (typeof value === 'string' && value.startsWith('@')) return value;
  const id = optionalInt(params, name);
  if (id === undefined) throw badRequest(`${name} is empty`);
  return id;
};
