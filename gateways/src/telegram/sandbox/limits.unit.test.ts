import { describe, expect, it } from 'vitest';
import { waitFor } from '@paygate/testkit';
import { createTelegramSandbox } from './sandbox.ts';

const TOKEN = '7000000002:SANDBOX-limits';

const sandboxWith = (limits: Parameters<typeof createTelegramSandbox>[0]['limits']) =>
  createTelegramSandbox({ token: TOKEN, limits, fetch: async () => new Response('{}'), webhookRetry: { initialBackoffMs: 1, maxBackoffMs: 1 } });

describe('Telegram sandbox: caps on logs and queues', () => {
  it('keeps the last `messagesPerChat` messages of a chat; a forgotten one cannot be edited', async () => {
    const sandbox = sandboxWith({ messagesPerChat: 3 });
    const user = sandbox.control.createUser({ firstName: 'Ann' });
    sandbox.control.sendText({ userId: user.id, text: '/start' }); // message 1, also lets the bot write
    for (const text of ['two', 'three', 'four', 'five']) expect((await sandbox.call('sendMessage', { chat_id: user.id, text })).status).toBe(200);
    expect(sandbox.control.messages(user.id).map((m) => m.text)).toEqual(['three', 'four', 'five']);
    const edit = await sandbox.call('editMessageText', { chat_id: user.id, message_id: 2, text: 'changed' });
    expect(edit).toMatchObject({ status: 400, body: { description: expect.stringContaining('message to edit not found') } });
    expect((await sandbox.call('sendMessage', { chat_id: user.id, text: 'six' })).body).toMatchObject({ result: { message_id: 6 } }); // ids keep counting
  });

  it('keeps at most `pendingUpdates` unconfirmed updates, dropping the oldest', async () => {
    const sandbox = sandboxWith({ pendingUpdates: 2 });
    const user = sandbox.control.createUser({ firstName: 'Ben' });
    const ids = ['a', 'b', 'c', 'd'].map((text) => sandbox.control.sendText({ userId: user.id, text }).update_id);
    expect(sandbox.control.pendingUpdates().map((u) => u.update_id)).toEqual(ids.slice(2));
    const got = await sandbox.call('getUpdates', { timeout: 0 });
    expect((got.body as { result: { update_id: number }[] }).result.map((u) => u.update_id)).toEqual(ids.slice(2));
  });

  it('keeps the last `callLog` calls and `callbackAnswers` answers', async () => {
    const sandbox = sandboxWith({ callLog: 2, callbackAnswers: 1 });
    for (let i = 0; i < 5; i += 1) await sandbox.call('getMe');
    expect(sandbox.control.calls().map((c) => c.seq)).toEqual([4, 5]);

    const user = sandbox.control.createUser({ firstName: 'Cid' });
    sandbox.control.sendText({ userId: user.id, text: '/start' });
    const sent = (await sandbox.call('sendMessage', { chat_id: user.id, text: 'pick', reply_markup: { inline_keyboard: [[{ text: 'Go', callback_data: 'go' }]] } }))
      .body as { result: { message_id: number } };
    for (const text of ['first', 'second']) {
      const { callbackQueryId } = sandbox.control.pressButton({ userId: user.id, messageId: sent.result.message_id, data: 'go' });
      await sandbox.call('answerCallbackQuery', { callback_query_id: callbackQueryId, text });
    }
    expect(sandbox.control.callbackAnswers().map((a) => a.text)).toEqual(['second']);
  });

  it('keeps the last `webhookDeliveries` webhook attempts', async () => {
    const sandbox = sandboxWith({ webhookDeliveries: 2 });
    await sandbox.call('setWebhook', { url: 'https://bot.example/hook' });
    const user = sandbox.control.createUser({ firstName: 'Dee' });
    for (const text of ['1', '2', '3']) sandbox.control.sendText({ userId: user.id, text });
    await waitFor('the webhook to deliver every update', () => sandbox.control.pendingUpdates().length === 0 && sandbox.webhookDeliveries.length === 2);
    expect(sandbox.webhookDeliveries.map((d) => (d.update as { message?: { text?: string } }).message?.text)).toEqual(['2', '3']);
    sandbox.stop();
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => sandboxWith({ pendingUpdates: 0 })).toThrow(/pendingUpdates/);
  });
});
