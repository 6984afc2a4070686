import type pg from 'pg';
import { SECRET_HEADER } from '@paygate/bot';
import type { RecordedEvent } from '@paygate/domain';
import type { SandboxMessage, TelegramSandboxControl, TgUpdate } from '@paygate/gateways';
import { waitFor } from '@paygate/testkit';
import { createLeaderLock, leaderLockKey, type LeaderLock } from '../../relay/index.ts';
import type { RunningPayGate } from '../../runtime/index.ts';

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/**
 * The platform's time: the wall clock plus an offset the test moves forward. It keeps ticking,
 * so leases, pacing and rate limits behave as they do in production between the jumps.
 */
export type TestClock = { now(): Date; set(at: Date): void };

export const createTestClock = (): TestClock => {
  let offsetMs = 0;
  return {
    now: () => new Date(Date.now() + offsetMs),
    set: (at) => {
      if (at.getTime() < Date.now() + offsetMs) throw new Error('the test clock only moves forward');
      offsetMs = at.getTime() - Date.now();
    },
  };
};

/**
 * Holds the workers' expiry-timer leader lock, so this test is the one sweeper (docs/subscriptions.md:
 * "one sweeper at a time") until it hands the timer back by releasing it.
 */
export const holdExpiryTimerLock = async (pool: pg.Pool): Promise<LeaderLock> => {
  const lock = createLeaderLock(pool, leaderLockKey('paygate-expiry-timer'), 100);
  if (!(await lock.acquire(AbortSignal.timeout(10_000)))) throw new Error('could not take the expiry timer lock');
  return lock;
};

export type Button = { text: string; url?: string; callback_data?: string };
export const buttonsOf = (message: SandboxMessage): Button[] => (message.replyMarkup?.inline_keyboard.flat() ?? []) as Button[];
export const inviteLinkIn = (text: string): string => {
  const link = /(https:\/\/t\.me\/\+\S+)/.exec(text)?.[1];
  if (!link) throw new Error(`no invite link in ${JSON.stringify(text)}`);
  return link;
};

/** What the bot wrote to users, read through the simulator's inspection API. */
export const createInbox = (control: TelegramSandboxControl) => {
  const matching = (userId: number, pattern: RegExp) => control.botMessages(userId).filter((message) => pattern.test(message.text));
  return {
    all: (userId: number) => control.botMessages(userId),
    matching,
    /** Waits until `count` bot messages to the user match; returns the last of them. */
    async wait(userId: number, pattern: RegExp, count = 1): Promise<SandboxMessage> {
      const found = await waitFor(`message ${count} matching ${pattern} to user ${userId}`, () => {
        const messages = matching(userId, pattern);
        return messages.length >= count ? messages : undefined;
      }, { timeoutMs: 20_000 });
      return found[count - 1]!;
    },
  };
};

/**
 * The running PayGate as the test drives it: its api, the bot's webhook handler, the event log.
 * The bot polls the sandbox, so `/webhooks/telegram` is not mounted; redeliveries go to the same
 * handler the webhook transport serves.
 */
export const createJourneyDriver = (running: RunningPayGate, secretToken: string, webhook: (request: Request) => Promise<Response>) => {
  const url = running.url!;
  const http = async <T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> => {
    const response = await fetch(`${url}${path}`, {
      method: init.method ?? 'GET',
      headers: { 'content-type': 'application/json' },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  return {
    url,
    http,
    /** An update delivered (again) to the webhook handler, as Telegram's retries do. */
    deliverUpdate: async (update: TgUpdate | object): Promise<number> => {
      const response = await webhook(new Request(`${url}/webhooks/telegram`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SECRET_HEADER]: secretToken },
        body: JSON.stringify(update),
      }));
      await response.body?.cancel();
      return response.status;
    },
    /** Pays an invoice in the NOWPayments sandbox through its control route, as `paygate sandbox pay` does. */
    /** `again`: a deliberate second payment of a paid invoice (the sandbox refuses it otherwise, 409). */
    pay: (invoiceId: string, options: { duplicate?: boolean; again?: boolean } = {}) =>
      http<{ paymentId: number; statuses: string[] }>(`/sandbox/nowpayments/sandbox/invoices/${invoiceId}/pay`, { method: 'POST', body: options }),
    stream: (streamId: string): Promise<RecordedEvent[]> => running.platform.eventStore.readStream(streamId),
    types: async (streamId: string): Promise<string[]> => (await running.platform.eventStore.readStream(streamId)).map((event) => event.type),
    /** Waits until the subscriptions read model shows this period (the sweep reads it). */
    projected: (channelId: string, subscriberId: string, endsAt: string, status: 'active' | 'expired' = 'active') =>
      waitFor(`subscription ${subscriberId} projected until ${endsAt} (${status})`, async () => {
        const { rows } = await running.platform.pool.query<{ ends_at: Date; status: string }>(
          'SELECT ends_at, status FROM read_model.subscriptions WHERE channel_id = $1 AND subscriber_id = $2',
          [channelId, subscriberId],
        );
        const row = rows[0];
        return row !== undefined && row.ends_at.toISOString() === endsAt && row.status === status;
      }),
  };
};

export type JourneyDriver = ReturnType<typeof createJourneyDriver>;
