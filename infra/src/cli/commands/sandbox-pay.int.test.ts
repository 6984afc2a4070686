import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNowPaymentsSandbox } from '@paygate/gateways';
import { NOWPAYMENTS_SANDBOX_PATH } from '../../runtime/nowpayments-gateway.ts';
import { writeRuntimeInfo } from '../../runtime/runtime-file.ts';
import type { CliIo } from '../command.ts';
import { createCommandRegistry } from '../registry.ts';
import { runCli } from '../run-cli.ts';
import { sandboxPayCommand } from './sandbox-pay.ts';

const API_KEY = 'SANDBOX-KEY-CLI';
// The sandbox as `paygate start` mounts it; its IPNs go to a receiver that takes everything.
const sandbox = createNowPaymentsSandbox({ apiKey: API_KEY, ipnSecret: 'ipn', fetch: async () => new Response('ok') });
const registry = createCommandRegistry([sandboxPayCommand]);
let dataDir: string;
let server: ServerType;

const pay = async (...args: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), env: { PAYGATE_DATA_DIR: dataDir, LOG_LEVEL: 'silent' } };
  const code = await runCli(['sandbox', 'pay', ...args], io, registry);
  return { code, stdout: out.join(''), stderr: err.join('') };
};

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'paygate-sandbox-pay-'));
  const app = new Hono();
  app.route(NOWPAYMENTS_SANDBOX_PATH, sandbox.app);
  const port = await new Promise<number>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port));
  });
  // As a running `paygate start` leaves it for the CLI.
  await writeRuntimeInfo(dataDir, { pid: process.pid, apiUrl: `http://127.0.0.1:${port}`, startedAt: new Date().toISOString() });
  const created = await sandbox.app.request('/v1/invoice', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
    body: JSON.stringify({ price_amount: 9.99, price_currency: 'usd', order_id: 'inv_cli', ipn_callback_url: 'http://127.0.0.1:1/webhooks/nowpayments' }),
  });
  expect(created.status).toBe(200);
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await rm(dataDir, { recursive: true, force: true });
});

describe('paygate sandbox pay', () => {
  it('pays once; a paid invoice is refused with exit 1 and a clear message, and paid again only with --again', async () => {
    const first = await pay('inv_cli');
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/^invoice inv_cli, payment (\d+): waiting → confirming → confirmed → sending → finished/);
    const firstId = /payment (\d+)/.exec(first.stdout)![1];

    const refused = await pay('inv_cli');
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(
      `error: invoice inv_cli is already paid (payment ${firstId}); nothing was paid.\n` +
        'Add --again to pay it a second time on purpose: PayGate records the second payment as an overpayment for an operator, never as a new sale.\n',
    );
    expect(sandbox.sentIpns.filter((ipn) => String(ipn.paymentId) !== firstId)).toEqual([]);

    const again = await pay('inv_cli', '--again', '--json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ invoiceId: expect.any(String), statuses: ['waiting', 'confirming', 'confirmed', 'sending', 'finished'] });
    expect(String(JSON.parse(again.stdout).paymentId)).not.toBe(firstId);
  });

  it.each([
    [[], 'name the invoice to pay, or give --user <subscriber id> (not both)'],
    [['inv_cli', '--user', '5000000002'], 'name the invoice to pay, or give --user <subscriber id> (not both)'],
    [['--user', 'sam'], '--user'],
  ])('refuses %j as a usage error (exit 2) before paying anything', async (args, message) => {
    const before = sandbox.sentIpns.length;
    const result = await pay(...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(sandbox.sentIpns).toHaveLength(before);
  });
});
