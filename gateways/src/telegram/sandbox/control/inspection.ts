/** Read-only views of the simulated world for tests and the /sandbox HTTP API. */
import type { TgUpdate } from '../../bot-api-types.ts';
import type { CallLogEntry } from '../api-routes.ts';
import type { SandboxCore } from '../core.ts';
import { linkMemberCount, memberOf, pendingRequestCount, sentByBot, type Membership, type SandboxInviteLink, type SandboxMessage } from '../world.ts';

export type InviteLinkView = SandboxInviteLink & { readonly memberCount: number; readonly pendingJoinRequestCount: number };
export type MemberView = Membership & { readonly userId: number };

export type SandboxInspection = {
  /** Every message in a chat (a user's id for the private chat), oldest first. */
  messages(chatId: number): readonly SandboxMessage[];
  /** Only what the bot sent there. */
  botMessages(chatId: number): readonly SandboxMessage[];
  inviteLinks(chatId?: number): InviteLinkView[];
  member(chatId: number, userId: number): Membership;
  members(chatId: number): MemberView[];
  bans(chatId: number): { userId: number; untilDate: number }[];
  joinRequests(chatId: number): { userId: number; inviteLink: string; date: number }[];
  callbackAnswers(): readonly { queryId: string; text?: string; showAlert: boolean; url?: string }[];
  calls(method?: string): readonly CallLogEntry[];
  /** Updates the bot has not confirmed yet. */
  pendingUpdates(): TgUpdate[];
};

export const createInspection = (core: SandboxCore, callLog: readonly CallLogEntry[]): SandboxInspection => {
  const { world } = core;
  const chatMembers = (chatId: number): MemberView[] => {
    const chat = world.chats.get(chatId);
    if (chat === undefined) return [];
    return [...chat.members.keys()].map((userId) => ({ userId, ...memberOf(world, chat, userId) }));
  };
  return {
    messages: (chatId) => world.conversations.get(chatId)?.messages ?? [],
    botMessages: (chatId) => (world.conversations.get(chatId)?.messages ?? []).filter((m) => sentByBot(world, m)),
    inviteLinks: (chatId) =>
      [...world.inviteLinks.values()]
        .filter((link) => chatId === undefined || link.chatId === chatId)
        .map((link) => ({ ...link, memberCount: linkMemberCount(world, link), pendingJoinRequestCount: pendingRequestCount(world, link) })),
    member: (chatId, userId) => {
      const chat = world.chats.get(chatId);
      return chat === undefined ? { status: 'left', untilDate: 0 } : memberOf(world, chat, userId);
    },
    members: chatMembers,
    bans: (chatId) => chatMembers(chatId).filter((m) => m.status === 'kicked').map((m) => ({ userId: m.userId, untilDate: m.untilDate })),
    joinRequests: (chatId) => [...(world.chats.get(chatId)?.joinRequests.values() ?? [])].map((r) => ({ ...r })),
    callbackAnswers: () => world.callbackAnswers,
    calls: (method) => (method === undefined ? callLog : callLog.filter((c) => c.method === method)),
    pendingUpdates: () => core.queue.pending().map((q) => q.update),
  };
};
