// Broadcasts from the bot: linking the public channel, composing with a preview, scheduling, the listing, and the subscribers' opt-out.
import { Composer } from 'grammy';
import type { BotContext } from '../context.ts';
import type { InputHandler } from '../conversation/index.ts';
import type { BotServices } from '../services.ts';
import { compose, contentAnswer } from './compose.ts';
import { linkPublic } from './link-public.ts';
import { listBroadcasts } from './list.ts';
import { optOut } from './opt-out.ts';
import { CONTENT_INPUT, TIME_INPUT } from './pending.ts';
import { scheduleButtons, timeAnswer } from './schedule.ts';

export { broadcastKeyboard, sendBroadcastMessage, type BroadcastContent } from './broadcast-message.ts';
export { entitiesToHtml } from './entities-html.ts';
export { parseScheduleText } from './schedule-text.ts';

export const broadcasts = (services: BotServices): Composer<BotContext> =>
  new Composer<BotContext>(linkPublic(services), compose(services), scheduleButtons(services), listBroadcasts(services), optOut(services));

/** The answers this feature asks for, by pending-input kind (create-bot routes them). */
export const broadcastInputHandlers = (services: BotServices): Record<string, InputHandler> => ({
  [CONTENT_INPUT]: contentAnswer(services),
  [TIME_INPUT]: timeAnswer(services),
});
