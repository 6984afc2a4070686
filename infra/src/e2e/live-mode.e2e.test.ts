import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelCodeForChat } from '@paygate/bot';
import { waitFor } from '@paygate/testkit';
import { cleanEnv, exitWithin, spawnPaygate, type PaygateProcess } from '../cli/test-support/spawn-paygate.ts';
import { SANDBOX_NOWPAYMENTS_IPN_SECRET, SANDBOX_TELEGRAM_BOT_TOKEN } from '../config/index.ts';
import { ipnPayload, signIpn } from '../faults/ipn-traffic.ts';
import { findFreePort } from '../runtime/free-port.ts';
import { createRoleDatabase, type RoleDatabase } from '../postgres/test-support/role-database.ts';
import { buttonsOf, createInbox, inviteLinkIn } from './test-support/journey-world.ts';
import { LIVE, startLiveFakes, type LiveFakes } from './test-support/live-fakes.ts';

// Live payout settings (LIVE has none yet): a random host key, not one of anvil's public ones. The RPC
// URL is a closed loopback port, so nothing leaves the machine.
const PAYOUTS = {
  CHANGENOW_API_KEY: 'cn-live-key-5e7a9b1c',
  ETHEREUM_RPC_URL: 'http://127.0.0.1:9/eth',
  HOST_WALLET_PRIVATE_KEY: 'f4efcddd02edecd12af2a8ea44c2b4df87d38b96effb62dc645d6ba4ea6bb8d4',
};

// A black box: the real `paygate start` in live mode, talking over HTTP to local fakes of NOWPayments
// and of a self-hosted Telegram Bot API server (TELEGRAM_API_URL), as it would to the real services.
describe('PAYGATE_MODE=live against local fakes of NOWPayments and the Telegram Bot API', () => {
  // Live mode refuses a superuser DATABASE_URL: an owner role migrates, an app role runs.
  let db: RoleDatabase;
  let dataDir: string;
  let fakes: LiveFakes;
  let server: PaygateProcess;
  let env: Record<string, string>;
  let url: string;

  beforeAll(async () => {
    db = await createRoleDatabase('e2e_live');
    dataDir = await mkdtemp(join(tmpdir(), 'paygate-live-'));
    fakes = await startLiveFakes();
    const port = await findFreePort();
    url = `http://127.0.0.1:${port}`;
    env = cleanEnv({
      PAYGATE_MODE: 'live',
      DATABASE_URL: db.appUrl,
      DATABASE_OWNER_URL: db.ownerUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      PAYGATE_PUBLIC_URL: url,
      PAYGATE_DATA_DIR: dataDir,
      PAYGATE_OPERATOR_KEY: LIVE.operatorKey,
      NOWPAYMENTS_API_URL: fakes.nowPaymentsUrl,
      NOWPAYMENTS_API_KEY: LIVE.nowPaymentsApiKey,
      NOWPAYMENTS_IPN_SECRET: LIVE.ipnSecret,
      TELEGRAM_BOT_TOKEN: LIVE.botToken,
      TELEGRAM_API_URL: fakes.telegramUrl,
      ...PAYOUTS,
      RATE_LIMIT_API_PER_MINUTE: '20',
      LOG_LEVEL: 'debug',
    });
    server = spawnPaygate(['start'], env);
    await waitFor('paygate start listening', () => server.stdout().includes('PayGate listening on') || server.child.exitCode !== null, { timeoutMs: 60_000 });
    if (server.child.exitCode !== null) throw new Error(`paygate start exited ${server.child.exitCode}: ${server.stderr()}`);
  }, 90_000);

  afterAll(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGTERM');
      await exitWithin(server.exited, 30_000, 'paygate start').catch(() => server.child.kill('SIGKILL'));
    }
    await fakes?.close();
    await db?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('says it runs live, on its start line and in /readyz', async () => {
    expect(server.stdout()).toContain(`PayGate listening on ${url} (live mode)`);
    expect(await (await fetch(`${url}/readyz`)).json()).toMatchObject({ status: 'ready', mode: 'live' });
  });

  it.each(['/readyz', '/api/v1/payments', '/nowhere'])('sends the security headers on %s', async (path) => {
    const response = await fetch(`${url}${path}`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    // The public URL is http here; HSTS is for https deployments only.
    expect(response.headers.get('strict-transport-security')).toBeNull();
  });

  it('answers a burst on the read API with 429 and Retry-After (RATE_LIMIT_API_PER_MINUTE=20)', async () => {
    const statuses = [];
    for (let i = 0; i < 30; i += 1) {
      const response = await fetch(`${url}/api/v1/payments`, { headers: { authorization: `Bearer ${LIVE.operatorKey}` } });
      statuses.push({ status: response.status, retryAfter: response.headers.get('retry-after') });
      await response.body?.cancel();
    }
    expect(statuses.filter((s) => s.status === 200).length).toBeGreaterThan(0);
    const limited = statuses.filter((s) => s.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(10);
    for (const { retryAfter } of limited) expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  it.each([
    ['GET', '/sandbox/nowpayments/v1/status'],
    ['POST', '/sandbox/nowpayments/v1/invoice'],
    ['GET', '/sandbox/nowpayments/payment/?iid=1'],
    ['POST', '/sandbox/nowpayments/payment/pay?iid=1'],
    ['POST', '/sandbox/nowpayments/sandbox/invoices/inv_0123456789abcdef01234567/pay'],
    ['GET', '/sandbox/nowpayments/sandbox/ipns'],
    ['POST', `/sandbox/telegram/bot${SANDBOX_TELEGRAM_BOT_TOKEN}/getMe`],
    ['POST', `/sandbox/telegram/bot${LIVE.botToken}/getUpdates`],
    ['POST', '/sandbox/telegram/sandbox/users'],
    ['GET', '/sandbox/telegram/sandbox/updates'],
  ])('has no sandbox: %s %s answers 404', async (method, path) => {
    const response = await fetch(`${url}${path}`, { method, headers: { 'content-type': 'application/json' }, ...(method === 'POST' ? { body: '{}' } : {}) });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  it.each([
    ['GET', '/dashboard/login'],
    ['GET', '/.well-known/jwks.json'],
  ])('has no dashboard logins without DASHBOARD_SIGNING_KEY: %s %s answers 404 (no key was generated for it)', async (method, path) => {
    const response = await fetch(`${url}${path}`, { method, headers: { 'content-type': 'application/json' }, ...(method === 'POST' ? { body: '{}' } : {}) });
    expect(response.status).toBe(404);
  });

  it('refuses an IPN signed with the public sandbox secret (401) and accepts one signed with the live secret', async () => {
    const payload = ipnPayload({ invoiceId: 'inv_0123456789abcdef01234567', paymentId: 5_100_000_001 }, 'waiting');
    const post = (secret: string) => {
      const ipn = signIpn(payload, secret);
      return fetch(`${url}/webhooks/nowpayments`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-nowpayments-sig': ipn.signature }, body: ipn.body });
    };
    expect((await post(SANDBOX_NOWPAYMENTS_IPN_SECRET)).status).toBe(401);
    expect((await post(LIVE.ipnSecret)).status).toBeLessThan(300);
  });

  it('sells a channel end to end: the owner registers through the local Bot API, a subscriber pays at NOWPayments and gets an invite link', async () => {
    const tg = fakes.telegram.control;
    const inbox = createInbox(tg);
    const owner = tg.createUser({ firstName: 'Olga', startedBot: true });
    const chat = tg.createChannel({ ownerId: owner.id, title: 'Live signals' });
    tg.promoteBot({ chatId: chat.id });
    const channelId = channelCodeForChat(String(chat.id));
    expect((await inbox.wait(owner.id, /is registered/)).text).toContain(`https://t.me/${LIVE.botUsername}?start=${channelId}`);
    tg.sendText({ userId: owner.id, text: `/addtier ${channelId} Monthly 9.99 30` });
    await inbox.wait(owner.id, /Tier "Monthly" added/);

    const sam = tg.createUser({ firstName: 'Sam' }).id;
    tg.sendText({ userId: sam, text: `/start ${channelId}` });
    const offer = await waitFor('the offer', () => inbox.all(sam)[0]);
    tg.pressButton({ userId: sam, messageId: offer.messageId, data: buttonsOf(offer)[0]!.callback_data! });
    const invoice = await waitFor('the pay button', () => inbox.all(sam)[1]);
    const [pay] = buttonsOf(invoice);
    // The checkout is NOWPayments' own page, never anything PayGate serves.
    expect(pay?.url?.startsWith(`${fakes.nowPaymentsUrl}/`)).toBe(true);
    const invoiceId = /Invoice (inv_[0-9a-f]{24})/.exec(invoice.text)![1]!;

    // The subscriber pays at NOWPayments, which signs IPNs with the live secret and calls PayGate back.
    const paid = await fetch(`${fakes.nowPaymentsUrl}/sandbox/invoices/${invoiceId}/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(paid.status).toBe(200);
    const access = await inbox.wait(sam, /is active/);
    expect(inviteLinkIn(access.text)).toMatch(/^https:\/\/t\.me\/\+/);
  });

  it('refuses the sandbox commands of the CLI (exit 2)', async () => {
    const run = spawnPaygate(['sandbox', 'pay', 'inv_0123456789abcdef01234567'], env);
    const { code } = await exitWithin(run.exited, 30_000, 'paygate sandbox pay');
    expect(code).toBe(2);
    expect(run.stderr()).toContain('live mode has no sandbox');
  });

  it('never writes a live secret to its output', () => {
    const output = server.stdout() + server.stderr();
    for (const secret of [LIVE.nowPaymentsApiKey, LIVE.ipnSecret, LIVE.botToken, LIVE.operatorKey, PAYOUTS.CHANGENOW_API_KEY, PAYOUTS.HOST_WALLET_PRIVATE_KEY]) {
      expect(output).not.toContain(secret);
    }
  });
});
