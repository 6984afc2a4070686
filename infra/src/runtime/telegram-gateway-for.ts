import type { TelegramGateway } from '@paygate/domain';
import { createTelegramClient, type TelegramClient } from '@paygate/gateways';
import { telegramFor } from '../bot/telegram-setup.ts';
import type { Platform } from './platform.ts';

const gateways = new WeakMap<Platform, TelegramGateway>();

/**
 * The Telegram gateway of this process's process managers (access, notifier, expiry). The Bot API
 * root is read per call: in sandbox mode it is the api role's address, known only once it listens,
 * and a client (with its pacing state) is kept for as long as that address stays the same.
 */
export const telegramGatewayFor = (platform: Platform): TelegramGateway => {
  const existing = gateways.get(platform);
  if (existing) return existing;
  const setup = telegramFor(platform);
  let client: { root: string; client: TelegramClient } | undefined;
  const current = (): TelegramClient => {
    const root = setup.apiRoot();
    if (client?.root !== root) client = { root, client: createTelegramClient({ apiRoot: root, token: setup.token }) };
    return client.client;
  };
  const gateway: TelegramGateway = {
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
  gateways.set(platform, gateway);
  return gateway;
};
