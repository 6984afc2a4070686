/**
 * The simulated world as plain JSON and back: users, chats with their members and join
 * requests, invite links, every chat's messages, open callback queries, the id counters and the
 * updates the bot has not confirmed. Call and webhook logs and faults are diagnostics of one run
 * and are not part of it.
 */
import * as v from 'valibot';
import { PayGateError } from '@paygate/domain';
import type { TgUpdateType } from '../bot-api-types.ts';
import type { QueuedUpdate, UpdateQueue } from './update-queue.ts';
import type { Conversation, JoinRequest, Membership, SandboxChat, SandboxInviteLink, SandboxUser, SandboxWorld } from './world.ts';

export const WORLD_SNAPSHOT_VERSION = 1;

const id = v.pipe(v.number(), v.safeInteger());
const entries = <K extends v.GenericSchema, T extends v.GenericSchema>(key: K, value: T) => v.array(v.tuple([key, value]));
// Records are checked by their identifying fields; the rest is what this module wrote.
const user = v.looseObject({ id, firstName: v.string(), isBot: v.boolean(), startedBot: v.boolean(), blockedBot: v.boolean() });
const membership = v.looseObject({ status: v.picklist(['creator', 'administrator', 'member', 'left', 'kicked']), untilDate: v.number() });
const joinRequest = v.looseObject({ userId: id, inviteLink: v.string(), date: v.number() });
const chat = v.looseObject({
  id,
  type: v.picklist(['channel', 'supergroup']),
  title: v.string(),
  ownerId: id,
  members: entries(id, membership),
  joinRequests: entries(id, joinRequest),
});
const link = v.looseObject({ inviteLink: v.string(), chatId: id, creatorId: id, createdAt: v.number(), isPrimary: v.boolean(), isRevoked: v.boolean(), joinCount: v.number() });
const message = v.looseObject({ messageId: id, chatId: id, fromId: id, date: v.number(), text: v.string() });
const conversation = v.object({ nextMessageId: id, messages: v.array(message) });
const callbackQuery = v.object({ userId: id, chatId: id, messageId: id });
const callbackAnswer = v.looseObject({ queryId: v.string(), showAlert: v.boolean() });
const pendingUpdate = v.object({ type: v.string(), update: v.looseObject({ update_id: id }) });

export const WorldSnapshotSchema = v.object({
  version: v.literal(WORLD_SNAPSHOT_VERSION),
  botId: id,
  /** No update at or above this id was handed out yet: a restored world continues here. */
  nextUpdateId: id,
  nextUserId: id,
  nextChatId: id,
  nextCallbackQueryId: id,
  users: v.array(user),
  chats: v.array(chat),
  inviteLinks: v.array(link),
  conversations: entries(id, conversation),
  openCallbackQueries: entries(v.string(), callbackQuery),
  callbackAnswers: v.array(callbackAnswer),
  pendingUpdates: v.array(pendingUpdate),
  allowedUpdates: v.array(v.string()),
});

export type WorldSnapshot = v.InferOutput<typeof WorldSnapshotSchema>;

/** `nextUpdateId` is passed in: the file may promise a higher one than the queue's (ids reserved ahead). */
export const snapshotWorld = (world: SandboxWorld, queue: UpdateQueue, nextUpdateId: number): WorldSnapshot => ({
  version: WORLD_SNAPSHOT_VERSION,
  botId: world.bot.id,
  nextUpdateId,
  nextUserId: world.nextUserId,
  nextChatId: world.nextChatId,
  nextCallbackQueryId: world.nextCallbackQueryId,
  users: [...world.users.values()],
  chats: [...world.chats.values()].map((c) => ({ ...c, members: [...c.members], joinRequests: [...c.joinRequests] })),
  inviteLinks: [...world.inviteLinks.values()],
  conversations: [...world.conversations],
  openCallbackQueries: [...world.openCallbackQueries],
  callbackAnswers: world.callbackAnswers,
  pendingUpdates: [...queue.pending()],
  allowedUpdates: [...queue.allowed()],
});

/** Validates what a world file holds; anything else is PayGateError('validation') naming the first bad field. */
export const parseWorldSnapshot = (json: unknown): WorldSnapshot => {
  const parsed = v.safeParse(WorldSnapshotSchema, json);
  if (parsed.success) return parsed.output;
  const issue = parsed.issues[0];
  const path = v.getDotPath(issue) ?? '(root)';
  throw new PayGateError('validation', `not a Telegram sandbox world (version ${WORLD_SNAPSHOT_VERSION}): ${path}: ${issue.message}`);
};

/** The world a snapshot describes, on the given clock; the bot stays the same object in `users`. */
export const worldFromSnapshot = (snapshot: WorldSnapshot, now: () => number): { world: SandboxWorld; pending: QueuedUpdate[]; allowed: string[] } => {
  const users = new Map(snapshot.users.map((u) => [u.id, u as SandboxUser]));
  const bot = users.get(snapshot.botId);
  if (bot === undefined || !bot.isBot) throw new PayGateError('validation', `the sandbox world has no bot with id ${snapshot.botId}`);
  const chats = snapshot.chats.map((c): SandboxChat => ({
    ...(c as unknown as SandboxChat),
    members: new Map(c.members as [number, Membership][]),
    joinRequests: new Map(c.joinRequests as [number, JoinRequest][]),
  }));
  const world: SandboxWorld = {
    bot,
    users,
    chats: new Map(chats.map((c) => [c.id, c])),
    inviteLinks: new Map(snapshot.inviteLinks.map((l) => [l.inviteLink, l as SandboxInviteLink])),
    conversations: new Map(snapshot.conversations as [number, Conversation][]),
    openCallbackQueries: new Map(snapshot.openCallbackQueries),
    callbackAnswers: snapshot.callbackAnswers as SandboxWorld['callbackAnswers'],
    now,
    nextUserId: snapshot.nextUserId,
    nextChatId: snapshot.nextChatId,
    nextCallbackQueryId: snapshot.nextCallbackQueryId,
  };
  const pending = snapshot.pendingUpdates.map((q) => ({ type: q.type as TgUpdateType, update: q.update as QueuedUpdate['update'] }));
  return { world, pending, allowed: snapshot.allowedUpdates };
};
