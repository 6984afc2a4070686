import { Composer, type Filter } from 'grammy';
import type { BotContext } from '../context.ts';
import type { PendingInput, PendingInputPort } from './pending-input.ts';

/** A private message (text or photo, not a command) answering what the bot asked. */
export type InputContext = Filter<BotContext, 'message'>;
export type InputHandler = (ctx: InputContext, input: PendingInput) => Promise<void>;

/**
 * Routes a user's next private message to the feature that asked for it, by the pending input's
 * `kind`. The handlers are passed in explicitly (no registration at import). A command always
 * wins over a pending input and drops it, so /cancel or any other command leaves the question.
 */
export const awaitingInput = (pending: PendingInputPort | undefined, handlers: Readonly<Record<string, InputHandler>>, clock: () => Date): Composer<BotContext> => {
  const composer = new Composer<BotContext>();
  if (!pending) return composer;
  composer.chatType('private').on('message', async (ctx, next) => {
    const userId = String(ctx.from.id);
    const text = ctx.message.text ?? '';
    if (text.startsWith('/')) {
      await pending.clear(userId);
      return next();
    }
    if (ctx.message.text === undefined && ctx.message.photo === undefined) return next();
    const input = await pending.take(userId, clock());
    const handler = input && handlers[input.kind];
    if (!input || !handler) return next();
    await handler(ctx as InputContext, input);
  });
  return composer;
};
