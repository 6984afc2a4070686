/**
 * A refused Bot API call, answered as `{ok:false,error_code,description,parameters}` with the
 * HTTP status equal to error_code — the way api.telegram.org answers. Descriptions are the real
 * server's wording, so code that matches on them behaves the same against both.
 */
import type { TgResponseParameters } from '../bot-api-types.ts';

export class BotApiError extends Error {
  readonly errorCode: number;
  readonly description: string;
  readonly parameters: TgResponseParameters | undefined;

  constructor(errorCode: number, description: string, parameters?: TgResponseParameters) {
    super(description);
    this.name = 'BotApiError';
    this.errorCode = errorCode;
    this.description = description;
    this.parameters = parameters;
  }

  toJSON() {
    return {
      ok: false as const,
      error_code: this.errorCode,
      description: this.description,
      ...(this.parameters === undefined ? {} : { parameters: this.parameters }),
    };
  }
}

export const badRequest = (what: string) => new BotApiError(400, `Bad Request: ${what}`);
export const forbidden = (what: string) => new BotApiError(403, `Forbidden: ${what}`);
export const tooManyRequests = (retryAfter: number) =>
  new BotApiError(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });
export const unauthorized = () => new BotApiError(401, 'Unauthorized');
export const methodNotFound = () => new BotApiError(404, 'Not Found');
export const conflict = (what: string) => new BotApiError(409, `Conflict: ${what}`);

export const GET_UPDATES_WHILE_WEBHOOK =
  "can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first";
export const TERMINATED_BY_OTHER_GET_UPDATES = 'terminated by other getUpdates request; make sure that only one bot instance is running';
