import { Composer } from 'grammy';
import { isPayGateError } from '@paygate/domain';
import type { BotContext } from '../context.ts';
import type { InputHandler } from '../conversation/index.ts';
import type { BotBroadcastSchedule, BotChannel, BotCommandResult, BroadcastPort } from '../deps.ts';
import { ensureManages, withinOwnerLimit } from '../owner-setup/owner-channel.ts';
import type { BotServices } from '../services.ts';
import { decodeBroadcastButton } from './broadcast-buttons.ts';
import { askForTime, timeQuestionOf } from './pending.ts';
import { parseScheduleText } from './schedule-text.ts';

type Draft = { port: BroadcastPort; channel: BotChannel; broadcastId: string };

/** When the next occurrence is: from the BroadcastScheduled event, else as the broadcast reads now. */
const nextAtOf = async (result: BotCommandResult, draft: Draft): Promise<string | undefined> => {
  const scheduled = result.events.find((event) => event.type === 'BroadcastScheduled')?.data as { nextAt?: unknown } | undefined;
  if (typeof scheduled?.nextAt === 'string') return scheduled.nextAt;
  return (await draft.port.broadcast(draft.channel.channelId, draft.broadcastId))?.nextAt;
};

/** Schedules the draft and tells the owner; a send-now inside the cooldown says when it is possible again, a once too close to another one-off asks for another time. */
const schedule = async (ctx: BotContext, services: BotServices, draft: Draft, when: BotBroadcastSchedule): Promise<void> => {
  const { port, channel, broadcastId } = draft;
  let result: BotCommandResult;
  try {
    result = await port.scheduleBroadcast({ broadcastId, channelId: channel.channelId, requestedBy: String(ctx.from!.id), schedule: when });
  } catch (error) {
    if (isPayGateError(error) && error.kind === 'not_found') return void (await ctx.reply(ctx.t('broadcastNotDraft', {})));
    if (!(isPayGateError(error) && error.kind === 'rate_limited')) throw error;
    if (when.kind === 'once') {
      // One-offs keep the send-now cooldown between them: ask for another time.
      const earliest = typeof error.details.earliestAt === 'string' ? error.details.earliestAt : undefined;
      await askForTime(ctx, services, { channelId: channel.channelId, broadcastId, kind: 'once' });
      return void (await ctx.reply(ctx.t('broadcastOnceTooClose', { earliestAt: earliest ?? new Date(services.clock().getTime() + 3_600_000).toISOString() })));
    }
    const seconds = Number(error.details.retryAfterSeconds);
    const retryAfterSeconds = Number.isFinite(seconds) && seconds > 0 ? seconds : 3600;
    const availableAt = new Date(services.clock().getTime() + retryAfterSeconds * 1000).toISOString();
    return void (await ctx.reply(ctx.t('broadcastCooldown', { availableAt, retryAfterSeconds })));
  }
  // A second press on the same button: the first one stands.
  if (result.events.length === 0) return void (await ctx.reply(ctx.t('broadcastNotDraft', {})));
  if (when.kind === 'now') {
    const audience = (await port.broadcast(channel.channelId, broadcastId))?.audience ?? 'subscribers';
    return void (await ctx.reply(ctx.t('broadcastSendingNow', { channelTitle: channel.title, audience })));
  }
  const nextAt = await nextAtOf(result, draft);
  await ctx.reply(ctx.t('broadcastScheduled', { schedule: when, ...(nextAt ? { nextAt } : {}) }));
};

/**
 * The draft a button or answer names, if the user still manages its channel and it is still a
 * draft. The read model may not have the draft yet (pressed right after drafting, the projector
 * behind): then the command decides from the stream (not_found → "not a draft" in `schedule`).
 */
const draftFor = async (ctx: BotContext, services: BotServices, channelId: string, broadcastId: string): Promise<Draft | undefined> => {
  const { deps } = services;
  const port = deps.broadcasts;
  if (!port) return void (await ctx.reply(ctx.t('broadcastsUnavailable', {})));
  const channel = await deps.queries.channel(channelId);
  if (!channel || !(await ensureManages(ctx, services, channel))) return undefined;
  const broadcast = await port.broadcast(channelId, broadcastId);
  if (broadcast !== undefined && broadcast.status !== 'draft') return void (await ctx.reply(ctx.t('broadcastNotDraft', {})));
  return { port, channel, broadcastId };
};

/** The preview's buttons: send now, ask for a time (once, daily, weekly), or discard. */
export const scheduleButtons = (services: BotServices): Composer<BotContext> => {
  const composer = new Composer<BotContext>();
  composer.on('callback_query:data', async (ctx, next) => {
    const button = decodeBroadcastButton(ctx.callbackQuery.data);
    if (button?.action !== 'control') return next();
    await ctx.answerCallbackQuery().catch(() => undefined);
    if (!(await withinOwnerLimit(ctx, services))) return;
    const draft = await draftFor(ctx, services, button.channelId, button.broadcastId);
    if (!draft) return;
    const { control } = button;
    if (control === 'now') return schedule(ctx, services, draft, { kind: 'now' });
    if (control === 'discard') {
      try {
        await draft.port.cancelBroadcast({ broadcastId: draft.broadcastId, channelId: draft.channel.channelId, requestedBy: String(ctx.from.id) });
      } catch (error) {
        if (isPayGateError(error) && error.kind === 'not_found') return void (await ctx.reply(ctx.t('broadcastNotDraft', {})));
        throw error;
      }
      return void (await ctx.reply(ctx.t('broadcastDiscarded', {})));
    }
    if (!(await askForTime(ctx, services, { channelId: draft.channel.channelId, broadcastId: draft.broadcastId, kind: control }))) {
      return void (await ctx.reply(ctx.t('broadcastsUnavailable', {})));
    }
    await ctx.reply(ctx.t('broadcastAskTime', { kind: control }));
  });
  return composer;
};

/** The owner's answer to "when?": a time that cannot be read is asked for again. */
export const timeAnswer =
  (services: BotServices): InputHandler =>
  async (ctx, input) => {
    const question = timeQuestionOf(input.data);
    if (!question) return;
    const parsed = parseScheduleText(question.kind, ctx.message.text ?? '', services.clock());
    if (!parsed.ok) {
      await askForTime(ctx, services, question);
      return void (await ctx.reply(ctx.t('broadcastTimeInvalid', { kind: question.kind, error: parsed.error })));
    }
    const draft = await draftFor(ctx, services, question.channelId, question.broadcastId);
    if (draft) await schedule(ctx, services, draft, parsed.schedule);
  };
