import type { Api } from 'grammy';

export type AdminRole = 'creator' | 'administrator';

/**
 * Who administers a chat, from getChatAdministrators, cached briefly per chat: owner commands
 * check it on every change, and Telegram need not be asked again for each keystroke. Registration
 * and claims ask with `fresh` so a just-promoted or just-demoted admin (or a new creator) is seen
 * as they are now; a chat_member update about the chat drops its cached list.
 */
export type ChatAdmins = {
  isAdmin(chatId: string, userId: string, options?: { fresh?: boolean }): Promise<boolean>;
  /** 'creator', 'administrator', or undefined when the user administers nothing there. */
  roleOf(chatId: string, userId: string, options?: { fresh?: boolean }): Promise<AdminRole | undefined>;
  /** The chat's creator (its owner in Telegram), when getChatAdministrators lists one. */
  creatorOf(chatId: string, options?: { fresh?: boolean }): Promise<string | undefined>;
  forget(chatId: string): void;
};

export const createChatAdmins = (api: () => Api, clock: () => Date, ttlMs = 60_000): ChatAdmins => {
  const cache = new Map<string, { roles: ReadonlyMap<string, AdminRole>; at: number }>();
  const load = async (chatId: string) => {
    const admins = await api().getChatAdministrators(chatId);
    const roles = new Map<string, AdminRole>();
    for (const member of admins) if (member.status === 'creator' || member.status === 'administrator') roles.set(String(member.user.id), member.status);
    cache.set(chatId, { roles, at: clock().getTime() });
    return roles;
  };
  const rolesOf = async (chatId: string, fresh = false) => {
    const cached = cache.get(chatId);
    return !fresh && cached && clock().getTime() - cached.at < ttlMs ? cached.roles : await load(chatId);
  };
  return {
    isAdmin: async (chatId, userId, options = {}) => (await rolesOf(chatId, options.fresh)).has(userId),
    roleOf: async (chatId, userId, options = {}) => (await rolesOf(chatId, options.fresh)).get(userId),
    async creatorOf(chatId, options = {}) {
      for (const [userId, role] of await rolesOf(chatId, options.fresh)) if (role === 'creator') return userId;
      return undefined;
    },
    forget: (chatId) => void cache.delete(chatId),
  };
};
