import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSessionService } from '@paygate/commands';
import { startBotHarness, DASHBOARD_URL, type BotHarness } from './test-support/bot-harness.ts';

// /dashboard through the Telegram simulator: the DM's link carries a token the session service
// redeems once, for the user who asked; the event store holds only its hash.

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('/dashboard', () => {
  it('DMs a one-time login link without a preview; it logs in the user who asked, once', async () => {
    const control = h.telegram.control;
    const user = control.createUser({ firstName: 'Dana', startedBot: true });
    control.sendText({ userId: user.id, text: '/dashboard' });
    const dm = await h.nthMessage(user.id, 1);
    const url = new URL(/https:\/\/\S+/.exec(dm.text)![0]);
    expect(`${url.origin}${url.pathname}`).toBe(`${DASHBOARD_URL}/dashboard/login`);
    expect(dm.text).toContain('expires in 5 minutes');
    expect(dm.text).toContain('no registered channels yet');
    const sent = control.calls('sendMessage').find((call) => call.params.chat_id === user.id || call.params.chat_id === String(user.id));
    expect(sent?.params.link_preview_options).toMatchObject({ is_disabled: true });

    const token = url.searchParams.get('token')!;
    const linkId = token.split('.')[0]!;
    const stored = JSON.stringify((await h.eventStore.readStream(`login-link-${linkId}`)).map((event) => event.data));
    expect(stored).toContain(String(user.id));
    expect(stored).not.toContain(token.split('.')[1]);

    const sessions = createSessionService({ eventStore: h.eventStore, clock: () => new Date() });
    expect(await sessions.redeemLoginLink(token)).toEqual({ ownerId: String(user.id) });
    await expect(sessions.redeemLoginLink(token)).rejects.toMatchObject({ kind: 'unauthorized' });
  });
});
