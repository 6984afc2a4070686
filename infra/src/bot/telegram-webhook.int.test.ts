import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setWebhook } from '@paygate/bot';
import { waitFor } from '@paygate/testkit';
import { startBotHarness, type BotHarness } from './test-support/bot-harness.ts';

// The bot receives its updates the way Telegram pushes them: the simulator posts each update to
// POST /webhooks/telegram with the secret token it was given in setWebhook.
let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness({ polling: false });
});
afterAll(async () => {
  await h?.close();
});

describe('webhook transport against the simulator', () => {
  it('setWebhook with the secret token: pushed updates are answered', async () => {
    await setWebhook(h.paygate, { url: h.webhookUrl, secretToken: h.secretToken });
    const user = h.telegram.control.createUser({ firstName: 'Wendy' });
    h.telegram.control.sendText({ userId: user.id, text: '/help' });
    expect((await h.nthMessage(user.id, 1)).text).toContain('PayGate sells access');
    // The answer is sent while the update is handled, so the delivery's status is recorded a moment later.
    const delivery = await waitFor('the delivery answered', () => h.telegram.webhookDeliveries.find((d) => d.httpStatus !== undefined));
    expect(delivery.httpStatus).toBe(200);
    // Only the update types the bot handles were asked for.
    const setCall = h.telegram.control.calls('setWebhook').at(-1);
    expect(JSON.stringify(setCall)).toContain('chat_join_request');
  });

  it('a webhook registered with another secret is refused with 401 and nothing is handled', async () => {
    await h.paygate.bot.api.setWebhook(h.webhookUrl, { secret_token: 'not-the-derived-secret' });
    const user = h.telegram.control.createUser({ firstName: 'Victor' });
    h.telegram.control.sendText({ userId: user.id, text: '/help' });
    await waitFor('a refused delivery', () => h.telegram.webhookDeliveries.some((delivery) => delivery.httpStatus === 401));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(h.botMessages(user.id)).toHaveLength(0);
    // Back to the right secret: Telegram's retry of the same update is handled once.
    await setWebhook(h.paygate, { url: h.webhookUrl, secretToken: h.secretToken });
    expect((await h.nthMessage(user.id, 1)).text).toContain('PayGate sells access');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(h.botMessages(user.id)).toHaveLength(1);
  });
});
