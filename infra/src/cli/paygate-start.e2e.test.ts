import { chmod, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from '@paygate/testkit';
import { cleanEnv, exitWithin, spawnPaygate, type PaygateProcess } from './test-support/spawn-paygate.ts';

const LISTENING = /PayGate listening on (http:\/\/\S+)/;
const started: PaygateProcess[] = [];
const dirs: string[] = [];

const startPaygate = async (dataDir: string, env: Record<string, string> = {}) => {
  const paygate = spawnPaygate(['start'], cleanEnv({ PAYGATE_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env }));
  started.push(paygate);
  let exitedEarly = false;
  void paygate.exited.then(() => (exitedEarly = true));
  const url = await waitFor(
    'the "PayGate listening on" line',
    () => {
      if (exitedEarly) throw new Error(`paygate exited before listening:\n${paygate.stderr()}\n${paygate.stdout().slice(-3000)}`);
      return LISTENING.exec(paygate.stdout())?.[1];
    },
    { timeoutMs: 150_000, intervalMs: 100 },
  );
  // PayGate prints the bound address (127.0.0.1 here).
  return { paygate, url };
};

afterAll(async () => {
  for (const { child } of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('paygate start with no configuration (embedded PostgreSQL, in-process broker)', () => {
  it('serves /readyz, stops cleanly on SIGTERM, and restarts on the same data directory', { timeout: 300_000 }, async () => {
    const parent = await mkdtemp(join(tmpdir(), 'paygate-e2e-'));
    dirs.push(parent);
    // As root the embedded server runs as `postgres`, which must be able to enter the temp dir.
    await chmod(parent, 0o755);
    const dataDir = join(parent, 'data');

    const first = await startPaygate(dataDir);
    const ready = await fetch(`${first.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', mode: 'sandbox', checks: { postgres: 'ok', eventStore: 'ok', broker: 'ok', nowpayments: 'ok' } });
    expect(await (await fetch(`${first.url}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(first.paygate.child.kill('SIGTERM')).toBe(true);
    expect(await exitWithin(first.paygate.exited, 60_000, 'paygate after SIGTERM')).toEqual({ code: 0, signal: null });

    const logs = first.paygate.stdout();
    // Orderly shutdown: the api stopped before the platform closed, each step logged.
    const order = ['"stopping role"', '"closing broker (in-process)"', '"closing PostgreSQL pool"', '"closing embedded PostgreSQL"', '"PayGate stopped"'];
    const positions = order.map((marker) => logs.indexOf(marker));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // The embedded server is gone (postgres removes its pid file on a clean stop) ...
    await expect(stat(join(dataDir, 'postgres', 'postmaster.pid'))).rejects.toThrow();
    // ... and its generated password never reached the logs.
    const password = (await readFile(join(dataDir, 'postgres.password'), 'utf8')).trim();
    expect(password.length).toBeGreaterThan(16);
    expect(logs + first.paygate.stderr()).not.toContain(password);

    // Second run, as at a terminal (LOG_FORMAT=pretty stands in for the TTY): the cluster is
    // reused, not initialised again, and start-up at info is a few readable lines.
    const second = await startPaygate(dataDir, { LOG_FORMAT: 'pretty' });
    expect((await fetch(`${second.url}/readyz`)).status).toBe(200);
    const startup = second.paygate.stdout().split('PayGate listening on')[0]!.split('\n').filter((line) => line !== '');
    expect(startup.length).toBeGreaterThan(0);
    expect(startup.length).toBeLessThanOrEqual(8);
    for (const line of startup) expect(line).toMatch(/^\[\d\d:\d\d:\d\d\] (INFO|WARN): /);
    expect(startup.join('\n')).toContain('INFO: PayGate started');
    expect(second.paygate.stdout()).not.toContain('initialising embedded PostgreSQL');

    // A second `paygate start` on the same data directory says where the first one runs.
    const again = spawnPaygate(['start'], cleanEnv({ PAYGATE_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' }));
    expect(await exitWithin(again.exited, 60_000, 'a second paygate start')).toEqual({ code: 1, signal: null });
    expect(again.stderr()).toBe(
      `error: PayGate is already running at ${second.url} (pid ${second.paygate.child.pid}); stop it first, or set another PAYGATE_DATA_DIR\n`,
    );
    expect(again.stdout()).toBe('');

    // `paygate migrate` joins it (through runtime.json) instead of starting a second server on its files.
    const migrate = spawnPaygate(['migrate'], cleanEnv({ PAYGATE_DATA_DIR: dataDir }));
    expect(await exitWithin(migrate.exited, 60_000, 'paygate migrate')).toEqual({ code: 0, signal: null });
    expect(migrate.stdout()).toMatch(new RegExp(`^migrations applied to the running PayGate's database \\(pid ${second.paygate.child.pid}\\): event store \\(postgres\\)`));
    expect((await fetch(`${second.url}/readyz`)).status).toBe(200);

    second.paygate.child.kill('SIGINT');
    expect(await exitWithin(second.paygate.exited, 60_000, 'paygate after SIGINT')).toEqual({ code: 0, signal: null });
  });
});
