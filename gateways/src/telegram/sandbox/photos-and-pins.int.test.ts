import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPayGateError, type PayGateError } from '@paygate/domain';
import { createTelegramClient, type TelegramClient } from '../client/client.ts';
import { createTelegramSandbox, type TelegramSandbox } from './sandbox.ts';

const TOKEN = '7200000013:photos-token';
let sandbox: TelegramSandbox;
let close: () => Promise<void> = async () => {};
let client: TelegramClient;

const failure = async (promise: Promise<unknown>): Promise<PayGateError> => {
  try {
    await promise;
  } catch (error) {
    if (isPayGateError(error)) return error;
    throw error;
  }
  throw new Error('expected a failure');
};

beforeAll(async () => {
  sandbox = createTelegramSandbox({ token: TOKEN });
  let url: string;
  ({ url, close } = await sandbox.listen(0));
  client = createTelegramClient({ apiRoot: url, token: TOKEN, rateLimit: false });
});
afterAll(() => close());

const channel = (rights: Record<string, boolean>) => {
  const owner = sandbox.control.createUser({ firstName: 'Owner' });
  const chat = sandbox.control.createChannel({ ownerId: owner.id, title: 'Public' });
  sandbox.control.promoteBot({ chatId: chat.id, rights });
  return chat.id;
};

describe('sandbox: photos, edits and pins over HTTP', () => {
  it('a user sends a photo with a caption; the bot sends it back with an HTML caption and buttons', async () => {
    const user = sandbox.control.createUser({ firstName: 'Ann', startedBot: true });
    const { fileId, update } = sandbox.control.sendPhoto({ userId: user.id, caption: 'my picture' });
    expect(update).toMatchObject({ message: { photo: [{ file_id: fileId }], caption: 'my picture' } });
    expect(update).not.toHaveProperty('message.text');
    const { messageId } = await client.sendPhoto({
      chatId: String(user.id),
      photo: fileId,
      caption: '<b>Join</b> now',
      parseMode: 'HTML',
      keyboard: [[{ text: 'Subscribe', url: 'https://t.me/bot?start=ch1' }]],
    });
    const sent = sandbox.control.botMessages(user.id).find((m) => m.messageId === messageId)!;
    expect(sent).toMatchObject({ photo: fileId, text: 'Join now', entities: [{ type: 'bold', offset: 0, length: 4 }] });
    const raw = await client.call('sendPhoto', { chat_id: user.id, photo: fileId, caption: '<b>Join</b> now', parse_mode: 'HTML' });
    expect(raw).toMatchObject({ photo: [{ file_id: fileId }], caption: 'Join now', caption_entities: [{ type: 'bold', offset: 0, length: 4 }] });
  });

  it('refuses a caption over 1024 characters and a blocked user as Telegram does', async () => {
    const user = sandbox.control.createUser({ firstName: 'Bob', startedBot: true });
    expect(await failure(client.call('sendPhoto', { chat_id: user.id, photo: 'AgACAgFile123', caption: 'x'.repeat(1025) }))).toMatchObject({ kind: 'validation' });
    sandbox.control.blockBot(user.id);
    expect(await failure(client.sendPhoto({ chatId: String(user.id), photo: 'AgACAgFile123' }))).toMatchObject({ kind: 'forbidden', details: { reason: 'blocked' } });
  });

  it('edits a text message; a deleted one is not found, a photo has no text to edit', async () => {
    const user = sandbox.control.createUser({ firstName: 'Cy', startedBot: true });
    const chatId = String(user.id);
    const { messageId } = await client.sendMessage({ chatId, text: 'Sending… 0/10' });
    await client.editMessageText({ chatId, messageId, text: 'Sending… <b>5</b>/10', parseMode: 'HTML' });
    expect(sandbox.control.botMessages(user.id).at(-1)?.text).toBe('Sending… 5/10');
    expect(await failure(client.editMessageText({ chatId, messageId, text: 'Sending… <b>5</b>/10', parseMode: 'HTML' }))).toMatchObject({
      kind: 'conflict',
      details: { reason: 'not_modified' },
    });
    sandbox.control.deleteMessage({ chatId: user.id, messageId });
    expect(await failure(client.editMessageText({ chatId, messageId, text: 'Done' }))).toMatchObject({ kind: 'not_found' });
    const photo = await client.sendPhoto({ chatId, photo: 'AgACAgFile123' });
    expect(await failure(client.editMessageText({ chatId, messageId: photo.messageId, text: 'x' }))).toMatchObject({ kind: 'validation' });
  });

  it('pins in a channel only with can_edit_messages, and unpins', async () => {
    const allowed = channel({ can_post_messages: true, can_edit_messages: true });
    const { messageId } = await client.sendMessage({ chatId: String(allowed), text: 'Donate here' });
    await client.pinChatMessage({ chatId: String(allowed), messageId, disableNotification: true });
    expect(sandbox.control.botMessages(allowed).at(-1)?.pinned).toBe(true);
    await client.call('unpinChatMessage', { chat_id: allowed });
    expect(sandbox.control.botMessages(allowed).at(-1)?.pinned).toBe(false);

    const postOnly = channel({ can_post_messages: true });
    const post = await client.sendMessage({ chatId: String(postOnly), text: 'Donate here' });
    expect(await failure(client.pinChatMessage({ chatId: String(postOnly), messageId: post.messageId }))).toMatchObject({ kind: 'forbidden', details: { reason: 'not_admin' } });
    expect(await failure(client.pinChatMessage({ chatId: String(allowed), messageId: 999 }))).toMatchObject({ kind: 'not_found' });
  });
});
