/**
 * getMe, getUpdates (offset, limit 1–100, long-poll timeout, allowed_updates) and the webhook
 * methods. getUpdates answers 409 while a webhook is set, as the real server does.
 */
import { badRequest, conflict, GET_UPDATES_WHILE_WEBHOOK } from '../bot-api-error.ts';
import { optionalBool, optionalInt, optionalJson, optionalString, type Params } from '../params.ts';
import { botUserJson } from '../wire.ts';
import { described, type MethodHandler } from './method.ts';

const allowedUpdatesParam = (params: Params): string[] | undefined => {
  const raw = optionalJson(params, 'allowed_updates');
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw) || raw.some((t) => typeof t !== 'string')) throw badRequest("can't parse allowed updates");
  return raw as string[];
};

const clamp = (value: number, min: number, max: number) => Math.min(Math.max(value, min), max);

const getUpdates: MethodHandler = async (core, params, context) => {
  if (core.webhook.config() !== undefined) throw conflict(GET_UPDATES_WHILE_WEBHOOK);
  const offset = optionalInt(params, 'offset');
  const limit = clamp(optionalInt(params, 'limit') ?? 100, 1, 100);
  const timeout = Math.max(optionalInt(params, 'timeout') ?? 0, 0);
  core.queue.setAllowed(allowedUpdatesParam(params));
  if (timeout === 0) return core.queue.take({ offset, limit });
  return core.queue.poll({ offset, limit, timeoutMs: timeout * 1_000, ...(context.signal ? { signal: context.signal } : {}) });
};

const SECRET_TOKEN = /^[A-Za-z0-9_-]{1,256}$/;

const setWebhook: MethodHandler = (core, params) => {
  const url = optionalString(params, 'url') ?? '';
  const secretToken = optionalString(params, 'secret_token');
  if (secretToken !== undefined && !SECRET_TOKEN.test(secretToken)) throw badRequest('secret token contains unallowed characters');
  const allowed = allowedUpdatesParam(params);
  if (optionalBool(params, 'drop_pending_updates') === true) core.queue.dropAll();
  if (url === '') {
    const had = core.webhook.config() !== undefined;
    core.webhook.clear();
    return described(true, had ? 'Webhook was deleted' : 'Webhook is already deleted');
  }
  // The real server insists on HTTPS on ports 443/80/88/8443; a local simulator cannot, so any http(s) URL goes.
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) throw badRequest('bad webhook: An HTTPS URL must be provided for webhook');
  core.queue.setAllowed(allowed);
  const maxConnections = clamp(optionalInt(params, 'max_connections') ?? 40, 1, 100);
  const same = core.webhook.config()?.url === url;
  core.webhook.set({ url, maxConnections, ...(secretToken === undefined ? {} : { secretToken }) });
  return described(true, same ? 'Webhook is already set' : 'Webhook was set');
};

const deleteWebhook: MethodHandler = (core, params) => {
  if (optionalBool(params, 'drop_pending_updates') === true) core.queue.dropAll();
  const had = core.webhook.config() !== undefined;
  core.webhook.clear();
  return described(true, had ? 'Webhook was deleted' : 'Webhook is already deleted');
};

const getWebhookInfo: MethodHandler = (core) => {
  const config = core.webhook.config();
  const lastError = core.webhook.lastError();
  const allowed = core.queue.allowed();
  return {
    url: config?.url ?? '',
    has_custom_certificate: false,
    pending_update_count: core.queue.pending().length,
    ...(config !== undefined && lastError !== undefined ? { last_error_date: lastError.date, last_error_message: lastError.message } : {}),
    ...(config !== undefined ? { max_connections: config.maxConnections, ip_address: '127.0.0.1' } : {}),
    ...(config !== undefined && allowed.length > 0 ? { allowed_updates: allowed } : {}),
  };
};

export const updateMethods: Record<string, MethodHandler> = {
  getMe: (core) => botUserJson(core.world.bot),
  getUpdates,
  setWebhook,
  deleteWebhook,
  getWebhookInfo,
};
