import { get } from 'node:http';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, waitFor, type TestDatabase } from '@paygate/testkit';
import { paygateCli } from './test-support/run-paygate-cli.ts';
import { cleanEnv, exitWithin, spawnPaygate, type PaygateProcess } from './test-support/spawn-paygate.ts';

// Issue 9: the api role on every core, `paygate start --roles api --processes N`.
const LISTENING = /PayGate listening on (http:\/\/\S+) \(sandbox mode, 2 api processes\)/;

type LogLine = { pid: number; msg: string; worker?: number; path?: string; clean?: boolean };
const logLines = (stdout: string): LogLine[] =>
  stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);

const readyWorkers = (server: PaygateProcess): number[] =>
  logLines(server.stdout())
    .filter((line) => line.msg === 'api process ready')
    .map((line) => line.worker!);

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** One GET on a connection of its own (no keep-alive), so the primary hands each to the next worker. */
const getOnce = (url: string) =>
  new Promise<number>((resolve, reject) => {
    get(url, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    }).on('error', reject);
  });

/** Which worker pids logged an answer to a request for `path` (an unknown path is logged at info, with the pid). */
const answeredBy = async (server: PaygateProcess, url: string, path: string, requests = 12): Promise<Set<number>> => {
  for (let i = 0; i < requests; i++) expect(await getOnce(`${url}${path}`)).toBe(404);
  const pids = () => new Set(logLines(server.stdout()).filter((line) => line.msg === 'request' && line.path === path).map((line) => line.pid));
  await waitFor(`${requests} request lines for ${path}`, () => logLines(server.stdout()).filter((line) => line.path === path).length >= requests);
  return pids();
};

describe('paygate start --processes: usage', () => {
  const paygate = paygateCli(() => ({ LOG_LEVEL: 'silent' }));

  it.each([
    [['start', '--processes', '2'], '--processes 2 runs the api role only: use --roles api --processes 2, and start the other roles separately'],
    [['start', '--roles', 'api,relay', '--processes', '2'], '--processes 2 runs the api role only: use --roles api --processes 2, and start the other roles separately'],
    [['start', '--roles', 'api', '--processes', '0'], '--processes must be a whole number from 1 to 64 (got "0")'],
    [['start', '--roles', 'api', '--processes', 'two'], '--processes must be a whole number from 1 to 64 (got "two")'],
    [['start', '--roles', 'api', '--processes', '2'], '--processes 2 needs DATABASE_URL: the embedded PostgreSQL serves one process only'],
  ])('%j is refused with one line, exit 2, before anything starts', async (argv, message) => {
    expect(await paygate(...argv)).toEqual({ code: 2, stdout: '', stderr: `error: ${message} (see "paygate start --help")\n` });
  });

  it('is in the help', async () => {
    const { stdout } = await paygate('start', '--help');
    expect(stdout).toContain('--processes <n>');
    expect(stdout).toContain('--roles api --processes N');
  });
});

describe('paygate start --roles api --processes 2 (PostgreSQL from DATABASE_URL)', () => {
  let database: TestDatabase;
  let dataDir: string;
  let env: Record<string, string>;
  const started: PaygateProcess[] = [];

  const start = async () => {
    const server = spawnPaygate(['start', '--roles', 'api', '--processes', '2'], env);
    started.push(server);
    const url = await waitFor(
      'the "PayGate listening on … 2 api processes" line',
      () => {
        if (server.child.exitCode !== null) throw new Error(`paygate exited early:\n${server.stderr()}\n${server.stdout().slice(-3000)}`);
        return LISTENING.exec(server.stdout())?.[1];
      },
      { timeoutMs: 90_000, intervalMs: 50 },
    );
    return { server, url };
  };

  beforeAll(async () => {
    database = await createTestDatabase('e2e_processes');
    dataDir = await mkdtemp(join(tmpdir(), 'paygate-processes-'));
    env = cleanEnv({ DATABASE_URL: database.url, PORT: '0', HOST: '127.0.0.1', PAYGATE_DATA_DIR: dataDir, LOG_LEVEL: 'info' });
  });

  afterAll(async () => {
    for (const server of started) {
      for (const pid of [server.child.pid!, ...readyWorkers(server)]) if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('serves from both workers, replaces a killed one, and stops them all on SIGTERM', { timeout: 180_000 }, async () => {
    const { server, url } = await start();
    const primary = server.child.pid!;
    const workers = readyWorkers(server);
    expect(new Set(workers).size).toBe(2);
    expect(workers).not.toContain(primary);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    // runtime.json names the primary, so it stays valid whichever worker dies.
    expect(JSON.parse(await readFile(join(dataDir, 'runtime.json'), 'utf8'))).toMatchObject({ pid: primary, apiUrl: url });

    expect(await answeredBy(server, url, '/processes-probe-1')).toEqual(new Set(workers));

    process.kill(workers[0]!, 'SIGKILL');
    const replacement = await waitFor('a replacement worker', () => readyWorkers(server).find((pid) => !workers.includes(pid)), { timeoutMs: 60_000 });
    expect(logLines(server.stdout()).filter((line) => line.msg === 'api process exited unexpectedly: starting a replacement')).toEqual([
      expect.objectContaining({ pid: primary, worker: workers[0] }),
    ]);
    expect(await answeredBy(server, url, '/processes-probe-2')).toEqual(new Set([workers[1], replacement]));

    server.child.kill('SIGTERM');
    expect(await exitWithin(server.exited, 60_000, 'paygate after SIGTERM')).toEqual({ code: 0, signal: null });
    for (const pid of [workers[1]!, replacement]) expect(alive(pid)).toBe(false);
    const lines = logLines(server.stdout());
    // Each worker stopped in order (its own "PayGate stopped") before the primary reported them stopped.
    for (const pid of [workers[1]!, replacement]) expect(lines.filter((line) => line.pid === pid && line.msg === 'PayGate stopped')).toEqual([expect.objectContaining({ clean: true })]);
    expect(lines.at(-1)).toMatchObject({ pid: primary, msg: 'api processes stopped', clean: true });
    await expect(stat(join(dataDir, 'runtime.json'))).rejects.toThrow();
  });

  it('stops in order on Ctrl-C at a terminal (SIGINT to the primary and every worker at once)', { timeout: 120_000 }, async () => {
    const { server } = await start();
    const workers = readyWorkers(server);
    for (const pid of [server.child.pid!, ...workers]) process.kill(pid, 'SIGINT');
    expect(await exitWithin(server.exited, 60_000, 'paygate after SIGINT')).toEqual({ code: 0, signal: null });
    const lines = logLines(server.stdout());
    // The primary's request to stop does not count as a second signal in a worker.
    expect(lines.filter((line) => line.msg.startsWith('second signal'))).toEqual([]);
    for (const pid of workers) expect(lines.filter((line) => line.pid === pid && line.msg === 'PayGate stopped')).toEqual([expect.objectContaining({ clean: true })]);
  });

  it('gives up with exit 1, stopping the rest, when workers keep dying (a sixth death within a minute)', { timeout: 180_000 }, async () => {
    const { server } = await start();
    const killed: number[] = [];
    for (let round = 0; round < 6; round++) {
      const victim = await waitFor('a live worker not yet killed', () => readyWorkers(server).find((pid) => !killed.includes(pid) && alive(pid)), { timeoutMs: 60_000 });
      killed.push(victim);
      process.kill(victim, 'SIGKILL');
      await waitFor(`worker ${victim} gone`, () => !alive(victim));
    }
    expect(await exitWithin(server.exited, 60_000, 'paygate after its workers kept dying')).toEqual({ code: 1, signal: null });
    const lines = logLines(server.stdout());
    expect(lines.filter((line) => line.msg === 'api process exited unexpectedly: starting a replacement')).toHaveLength(5);
    expect(lines.filter((line) => line.msg === 'api processes keep dying: stopping the others')).toHaveLength(1);
    for (const pid of readyWorkers(server)) expect(alive(pid)).toBe(false);
  });

  it('exits 1 when a worker cannot start (its database does not exist), leaving no worker behind', { timeout: 120_000 }, async () => {
    const missing = new URL(database.url);
    missing.pathname = '/paygate_no_such_database';
    const server = spawnPaygate(['start', '--roles', 'api', '--processes', '2'], { ...env, DATABASE_URL: missing.toString() });
    started.push(server);
    expect(await exitWithin(server.exited, 90_000, 'paygate with a missing database')).toEqual({ code: 1, signal: null });
    expect(server.stderr()).toContain('error: PayGate failed to start:');
    const lines = logLines(server.stdout());
    expect(lines.filter((line) => line.msg === 'api process exited before it was ready: stopping the others').length).toBeGreaterThanOrEqual(1);
    const workers = lines.filter((line) => line.worker !== undefined).map((line) => line.worker!);
    expect(new Set(workers).size).toBe(2);
    for (const pid of workers) expect(alive(pid)).toBe(false);
  });
});
