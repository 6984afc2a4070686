import type { BotContext } from '../context.ts';
import type { BroadcastAudience } from '../messages/broadcast-catalogue.ts';
import type { BotServices } from '../services.ts';
import type { TimedKind } from './schedule-text.ts';

/** The pending-input kinds this feature asks with, and how long an answer is awaited. */
export const CONTENT_INPUT = 'broadcast_content';
export const TIME_INPUT = 'broadcast_time';
export const ANSWER_WINDOW_MS = 30 * 60_000;

export type ContentQuestion = { channelId: string; audience: BroadcastAudience };
export type TimeQuestion = { channelId: string; broadcastId: string; kind: TimedKind };

const ask = async (ctx: BotContext, services: BotServices, kind: string, data: Record<string, string>): Promise<boolean> => {
  const pending = services.deps.pendingInputs;
  if (!pending) return false;
  const expiresAt = new Date(services.clock().getTime() + ANSWER_WINDOW_MS).toISOString();
  await pending.set(String(ctx.from!.id), { kind, data }, expiresAt);
  return true;
};

export const askForContent = (ctx: BotContext, services: BotServices, question: ContentQuestion) => ask(ctx, services, CONTENT_INPUT, question);
export const askForTime = (ctx: BotContext, services: BotServices, question: TimeQuestion) => ask(ctx, services, TIME_INPUT, question);

export const contentQuestionOf = (data: Readonly<Record<string, string>>): ContentQuestion | undefined =>
  data.channelId && (data.audience === 'public_channel' || data.audience === 'subscribers') ? { channelId: data.channelId, audience: data.audience } : undefined;

export const timeQuestionOf = (data: Readonly<Record<string, string>>): TimeQuestion | undefined =>
  data.channelId && data.broadcastId && (data.kind === 'once' || data.kind === 'daily' || data.kind === 'weekly')
    ? { channelId: data.channelId, broadcastId: data.broadcastId, kind: data.kind }
    : undefined;
