import type { Context, MiddlewareFn } from 'grammy';
import { translatorFor, type Translate } from './messages/index.ts';

/** grammY's context plus the user's texts. */
export type BotContext = Context & { t: Translate };

/** Picks the texts from the user's Telegram language; unknown languages get the default. */
export const withTranslator: MiddlewareFn<BotContext> = (ctx, next) => {
  ctx.t = translatorFor(ctx.from?.language_code);
  return next();
};

/** Telegram user and chat ids as the domain keeps them: decimal strings. */
export const idText = (id: number): string => String(id);
