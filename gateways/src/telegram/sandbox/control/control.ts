/**
 * The control API as direct functions (tests) — the same operations the /sandbox HTTP routes
 * expose. Misuse (unknown user or chat, a button that is not there) throws PayGateError;
 * outcomes the real world has (a refused invite link) are returned.
 */
import type { TgAdminRights, TgUpdate } from '../../bot-api-types.ts';
import type { SandboxCore } from '../core.ts';
import type { SandboxFaults } from '../faults.ts';
import type { SandboxChat, SandboxUser } from '../world.ts';
import {
  addMember,
  createChannel,
  demoteBot,
  joinViaLink,
  leaveChat,
  promoteBot,
  promoteUser,
  type CreateChannelInput,
  type JoinOutcome,
} from './chat-actions.ts';
import type { SandboxInspection } from './inspection.ts';
import { blockBot, createUser, deleteMessage, pressButton, sendPhoto, sendText, unblockBot, type CreateUserInput } from './user-actions.ts';

export type TelegramSandboxControl = SandboxInspection & {
  createUser(input: CreateUserInput): SandboxUser;
  createChannel(input: CreateChannelInput): SandboxChat;
  addMember(input: { chatId: number; userId: number }): TgUpdate | undefined;
  promoteUser(input: { chatId: number; userId: number; rights?: Partial<TgAdminRights> }): TgUpdate | undefined;
  promoteBot(input: { chatId: number; rights?: Partial<TgAdminRights> }): TgUpdate | undefined;
  demoteBot(input: { chatId: number; to?: 'member' | 'left' | 'kicked' }): TgUpdate | undefined;
  sendText(input: { userId: number; text: string; chatId?: number }): TgUpdate;
  sendPhoto(input: { userId: number; caption?: string; chatId?: number }): { fileId: string; update: TgUpdate };
  deleteMessage(input: { chatId: number; messageId: number }): void;
  pressButton(input: { userId: number; messageId: number; data?: string; text?: string; chatId?: number }): {
    callbackQueryId: string;
    update: TgUpdate;
  };
  joinViaLink(input: { userId: number; inviteLink: string }): JoinOutcome;
  leaveChat(input: { userId: number; chatId: number }): TgUpdate | undefined;
  blockBot(userId: number): TgUpdate | undefined;
  unblockBot(userId: number): TgUpdate | undefined;
  readonly faults: SandboxFaults;
};

export const createControl = (core: SandboxCore, faults: SandboxFaults, inspection: SandboxInspection): TelegramSandboxControl => ({
  ...inspection,
  createUser: (input) => createUser(core, input),
  createChannel: (input) => createChannel(core, input),
  addMember: (input) => addMember(core, input),
  promoteUser: (input) => promoteUser(core, input),
  promoteBot: (input) => promoteBot(core, input),
  demoteBot: (input) => demoteBot(core, input),
  sendText: (input) => sendText(core, input),
  sendPhoto: (input) => sendPhoto(core, input),
  deleteMessage: (input) => deleteMessage(core, input),
  pressButton: (input) => pressButton(core, input),
  joinViaLink: (input) => joinViaLink(core, input),
  leaveChat: (input) => leaveChat(core, input),
  blockBot: (userId) => blockBot(core, userId),
  unblockBot: (userId) => unblockBot(core, userId),
  faults,
});
