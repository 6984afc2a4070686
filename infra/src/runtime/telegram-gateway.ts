import type { TelegramGateway } from '@paygate/domain';
import { createTelegramClient, type TelegramClient } from '@paygate/gateways';
import type { TelegramSetup } from '../bot/telegram-setup.ts';

/**
 * The Telegram gateway of the process managers (access, notifier, expiry). The Bot API root is
 * read per call: in sandbox mode it is the api role's address, known only once it listens, and a
 * client (with its pacing state) is kept for as long as that address stays the same.
 */
export const createTelegramGateway = (setup: Pick<TelegramSetup, 'apiRoot' | 'token'>): TelegramGateway => {
  let client: { root: string; client: TelegramClient } | undefined;
  const current = (): TelegramClient => {
    const root = setup.apiRoot();
    if (client?.root !== root) client = { root, client: createTelegramClient({ apiRoot: root, token: setup.token }) };
    return client.client;
  };
  return {
    sendMessage: (input) => current().sendMessage(input),
    createChatInviteLink: (input) => current().createChatInviteLink(input),
    revokeChatInviteLink: (input) => current().revokeChatInviteLink(input),
    approveChatJoinRequest: (input) => current().approveChatJoinRequest(input),
    declineChatJoinRequest: (input) => current().declineChatJoinRequest(input),
    banChatMember: (input) => current().banChatMember(input),
    unbanChatMember: (input) => current().unbanChatMember(input),
    getChatMember: (input) => current().getChatMember(input),
    getChatAdministrators: (input) => current().getChatAdministrators(input),
    getChat: (input) => current().getChat(input),
  };
};
