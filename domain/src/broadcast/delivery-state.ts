import type { DeliveryEvent } from './delivery-events.ts';

/**
 * An occurrence's delivery as the sender resumes it. Recipients keep their listed order; a chat
 * is `claimed` between its claim and its outcome (or its release), and `done` once sent or failed.
 */
export type DeliveryState = {
  readonly listedChunks: number;
  readonly chunks: number;
  readonly recipients: readonly string[];
  readonly listed: ReadonlySet<string>;
  readonly claimed: ReadonlySet<string>;
  readonly done: ReadonlySet<string>;
  readonly sent: number;
  readonly failed: number;
  readonly blocked: number;
  /** How often each chat was released for its own sake (not a systemic stop); the sender gives up on one after a few. */
  readonly releases: ReadonlyMap<string, number>;
  /** Release events so far, whatever their cause (a pass before this one got somewhere). */
  readonly released: number;
};

export const initialDeliveryState = (): DeliveryState => ({
  listedChunks: 0,
  chunks: 0,
  recipients: [],
  listed: new Set(),
  claimed: new Set(),
  done: new Set(),
  sent: 0,
  failed: 0,
  blocked: 0,
  releases: new Map(),
  released: 0,
});

/**
 * Folds in place where it can (a 10,000-recipient occurrence has 10,000+ events: copying its sets
 * per event would be quadratic). Callers treat states as values: each fold starts from a fresh
 * `initialDeliveryState()` and the previous state is never read again.
 */
export const evolveDelivery = (state: DeliveryState, event: DeliveryEvent): DeliveryState => {
  const claimed = state.claimed as Set<string>;
  const done = state.done as Set<string>;
  switch (event.type) {
    case 'BroadcastRecipientsListed':
      for (const chatId of event.data.chatIds) {
        (state.recipients as string[]).push(chatId);
        (state.listed as Set<string>).add(chatId);
      }
      return { ...state, listedChunks: state.listedChunks + 1, chunks: event.data.chunks };
    case 'BroadcastDeliveryClaimed':
      for (const chatId of event.data.chatIds) if (!done.has(chatId)) claimed.add(chatId);
      return state;
    case 'BroadcastSent':
      if (done.has(event.data.chatId)) return state;
      claimed.delete(event.data.chatId);
      done.add(event.data.chatId);
      return { ...state, sent: state.sent + 1 };
    case 'BroadcastFailed': {
      if (done.has(event.data.chatId)) return state;
      claimed.delete(event.data.chatId);
      done.add(event.data.chatId);
      return { ...state, failed: state.failed + 1, blocked: state.blocked + (event.data.reason === 'blocked' ? 1 : 0) };
    }
    case 'BroadcastDeliveryReleased':
      for (const chatId of event.data.chatIds) {
        claimed.delete(chatId);
        // An outage or a shutdown says nothing about the chat: only its own failures count.
        if (event.data.systemic !== true) (state.releases as Map<string, number>).set(chatId, (state.releases.get(chatId) ?? 0) + 1);
      }
      return { ...state, released: state.released + 1 };
    default:
      return state;
  }
};

/** Recipients not yet claimed nor done, in listed order. */
export const pendingRecipients = (state: DeliveryState): string[] => state.recipients.filter((chatId) => !state.done.has(chatId) && !state.claimed.has(chatId));

export const isListed = (state: DeliveryState): boolean => state.chunks > 0 && state.listedChunks >= state.chunks;
