import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@paygate/testkit';
import { cleanEnv, exitWithin, REPO_ROOT } from '../cli/test-support/spawn-paygate.ts';
import { loginWithLink } from './test-support/dashboard-login.ts';
import { shellBlocksOf } from './test-support/readme-blocks.ts';

type Run = { code: number | null; stdout: string; stderr: string };

/** A README block as a reader pastes it into bash in the repository (stops at the first failing line). */
const runBlock = (block: string, env: Record<string, string>): Promise<Run> =>
  new Promise((resolve) => {
    const child = spawn('bash', ['-e', '-c', block], { cwd: REPO_ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });

/** `npm start` in its own process group, so Ctrl-C (SIGINT to the group) reaches npm and PayGate alike. */
const npmStart = (env: Record<string, string>) => {
  const child = spawn('npm', ['start'], { cwd: REPO_ROOT, env, detached: true });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return {
    output: () => stdout,
    listening: () => waitFor('"PayGate listening on"', () => /PayGate listening on \S+ \(sandbox mode\)/.test(stdout) || child.exitCode !== null, { timeoutMs: 150_000, intervalMs: 100 }),
    ctrlC: async () => {
      process.kill(-child.pid!, 'SIGINT');
      return exitWithin(exited, 60_000, 'npm start after Ctrl-C');
    },
    kill: () => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // The group is gone already: it stopped on Ctrl-C.
      }
    },
  };
};

// The README's "Try it" section, run verbatim: npm start, the owner's block, Ctrl-C and npm start
// again on the same ./.paygate (here a temporary PAYGATE_DATA_DIR), then the subscriber's block.
describe('the README walkthrough, verbatim, across one restart', () => {
  let parent: string;
  let env: Record<string, string>;
  let blocks: string[];
  const servers: ReturnType<typeof npmStart>[] = [];

  beforeAll(async () => {
    blocks = await shellBlocksOf(REPO_ROOT, 'Try it: sell a channel in the sandbox');
    parent = await mkdtemp(join(tmpdir(), 'paygate-readme-'));
    // As root the embedded PostgreSQL runs as `postgres`, which must be able to enter the temp dir.
    await chmod(parent, 0o755);
    // Only the data directory and a free port differ from a reader's machine.
    env = cleanEnv({ PAYGATE_DATA_DIR: join(parent, 'data'), PORT: '0' });
  });

  afterAll(async () => {
    for (const server of servers) server.kill();
    if (parent) await rm(parent, { recursive: true, force: true });
  });

  it('has the five blocks the walkthrough describes', () => {
    expect(blocks).toHaveLength(5);
  });

  it('sells a channel: the owner registers and prices it, PayGate restarts, a subscriber pays and joins, she is paid and reads her dashboard, an auditor checks the log', { timeout: 400_000 }, async () => {
    const first = npmStart(env);
    servers.push(first);
    await first.listening();
    expect(first.output()).toContain('(sandbox mode)');

    const owner = await runBlock(blocks[0]!, env);
    expect(owner.stderr).toBe('');
    expect(owner.code).toBe(0);
    expect(owner.stdout).toContain('5000000001');
    expect(owner.stdout).toContain('https://t.me/paygate_sandbox_bot?start=ccsb8xg5d');
    expect(owner.stdout).toMatch(/Tier "Monthly" added/);

    expect(first.output()).not.toMatch(/\bWARN\b|"level":40|\n\s+at /);
    await first.ctrlC();
    expect(first.output()).toContain('PayGate stopped');
    const second = npmStart(env);
    servers.push(second);
    await second.listening();

    const subscriber = await runBlock(blocks[1]!, env);
    expect(subscriber.stderr).toBe('');
    expect(subscriber.code).toBe(0);
    expect(subscriber.stdout).toContain('5000000002');
    expect(subscriber.stdout).toMatch(/finished/);
    expect(subscriber.stdout).toMatch(/https:\/\/t\.me\/\+/);
    for (const event of ['AccessGranted', 'SubscriptionStarted', 'InviteLinkSent', 'JoinRequestApproved']) expect(subscriber.stdout).toContain(event);

    // The owner sets a wallet: her share leaves in one payout on the local chain, and the books balance.
    const payout = await runBlock(blocks[2]!, env);
    expect(payout.stderr).toBe('');
    expect(payout.code).toBe(0);
    const sent = /payout \S+ {2}sent {2}(\d+\.\d+) USDTERC20/.exec(payout.stdout);
    expect(sent, payout.stdout).not.toBeNull();
    expect(payout.stdout).toContain('Payout sent for "Alpha signals"');
    expect(payout.stdout).toContain(`${sent![1]} USDTERC20 paid out so far`);
    expect(payout.stdout).toMatch(new RegExp(`^  ${sent![1]!.replace('.', '\\.')} USDTERC20$`, 'm'));
    expect(payout.stdout).toContain('ledger balanced');

    // She asks for a dashboard link and opens it: her channel, Sam's payment and her payout are there.
    const dashboard = await runBlock(blocks[3]!, env);
    expect(dashboard.stderr).toBe('');
    expect(dashboard.code).toBe(0);
    const link = /http:\/\/127\.0\.0\.1:\d+\/dashboard\/login\?token=\S+/.exec(dashboard.stdout)?.[0];
    expect(link, dashboard.stdout).toBeDefined();
    const session = await loginWithLink(link!);
    expect(session.status).toBe(303);
    const read = async (path: string) => {
      const response = await fetch(`${session.origin}${path}`, { headers: { cookie: session.cookie } });
      expect(response.status, path).toBe(200);
      return response.text();
    };
    expect(await read('/dashboard/channels')).toContain('Alpha signals');
    const payments = JSON.parse(await read('/api/v1/payments')) as { items: { subscriberId: string; status: string }[] };
    expect(payments.items.map((item) => [item.subscriberId, item.status])).toContainEqual(['5000000002', 'finished']);
    expect(await read('/dashboard/payouts')).toContain(sent![1]!);
    expect(JSON.parse(await read('/api/v1/me'))).toEqual({ role: 'owner', ownerId: '5000000001' });
    // The auditor's checks: the chain is intact, every read model rebuilds to the same rows, and
    // the exported ledger ends in totals that match the ledger check (the CLI exits 1 otherwise).
    const audit = await runBlock(blocks[4]!, env);
    expect(audit.code, `${audit.stdout}\n${audit.stderr}`).toBe(0);
    expect(audit.stdout, audit.stdout).toMatch(/intact/i);
    expect(audit.stdout).toMatch(/equal|identical|match/i);
    expect(audit.stdout).toMatch(/totals reconcile with the ledger/);
    const ledger = await readFile('/tmp/ledger.csv', 'utf8');
    await rm('/tmp/ledger.csv', { force: true });
    expect(ledger).toMatch(/^entry,.*PayoutSent/m);
    expect(ledger).toContain(sent![1]!);
    expect(ledger).toMatch(/^end,.*reconciled.*balanced/m);
    // Nothing the walkthrough does is a warning: a newcomer sees no WARN and no stack trace.
    expect(second.output()).not.toMatch(/\bWARN\b|"level":40|\n\s+at /);
    await second.ctrlC();
    expect(second.output()).toContain('PayGate stopped');
  });
});
