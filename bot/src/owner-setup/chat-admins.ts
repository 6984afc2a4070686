import type { Api } from 'grammy';

/**
 * Who administers a chat, from getChatAdministrators, cached briefly per chat: owner commands
 * check it on every change, and Telegram need not be asked again for each keystroke. Registration
 * asks with `fresh` so a just-promoted or just-demoted admin is seen as they are now.
 */
export type ChatAdmins = {
  isAdmin(chatId: string, userId: string, options?: { fresh?: boolean }): Promise<boolean>;
};

export const createChatAdmins = (api: () => Api, clock: () => Date, ttlMs = 60_000): ChatAdmins => {
  const cache = new Map<string, { userIds: ReadonlySet<string>; at: number }>();
  const load = async (chatId: string) => {
    const admins = await api().getChatAdministrators(chatId);
    const userIds = new Set(admins.filter((member) => member.status === 'creator' || member.status === 'administrator').map((member) => String(member.user.id)));
    cache.set(chatId, { userIds, at: clock().getTime() });
    return userIds;
  };
  return {
    async isAdmin(chatId, userId, options = {}) {
      const cached = cache.get(chatId);
      const fresh = !options.fresh && cached && clock().getTime() - cached.at < ttlMs ? cached.userIds : await load(chatId);
      return fresh.has(userId);
    },
  };
};
