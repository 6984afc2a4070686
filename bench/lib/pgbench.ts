import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export type PgbenchResult = { tps: number; latencyAvgMs: number; p50: number; p99: number; clients: number };

/**
 * The baseline: pgbench inserting one JSONB row per transaction into a plain table, on the same
 * server at the same client count. Percentiles come from pgbench's per-transaction log.
 */
export const pgbenchInsertBaseline = async (url: string, clients: number, seconds: number): Promise<PgbenchResult> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('CREATE TABLE IF NOT EXISTS bench_baseline (id bigserial PRIMARY KEY, data jsonb NOT NULL)');
  await client.query('TRUNCATE bench_baseline');
  await client.end();
  const dir = await mkdtemp(join(tmpdir(), 'paygate-pgbench-'));
  const script = join(dir, 'insert.sql');
  await writeFile(script, `INSERT INTO bench_baseline (data) VALUES ('{"type":"BenchEvent","amount":"1000","currency":"USD"}');\n`);
  const { stdout } = await run(
    'pgbench',
    ['-n', '-c', String(clients), '-j', String(Math.min(clients, 4)), '-T', String(seconds), '-f', script, '-l', '--log-prefix', join(dir, 'log'), url],
    { cwd: dir, maxBuffer: 16 * 1024 * 1024 },
  );
  const tps = Number(/tps = ([\d.]+)/.exec(stdout)?.[1] ?? Number.NaN);
  const latencyAvgMs = Number(/latency average = ([\d.]+) ms/.exec(stdout)?.[1] ?? Number.NaN);
  const latencies = await readPgbenchLogs(dir);
  latencies.sort((a, b) => a - b);
  const pick = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? Number.NaN;
  return { tps, latencyAvgMs, p50: pick(50), p99: pick(99), clients };
};

const readPgbenchLogs = async (dir: string): Promise<number[]> => {
  const { readdir, readFile } = await import('node:fs/promises');
  const latencies: number[] = [];
  for (const file of await readdir(dir)) {
    if (!file.startsWith('log')) continue;
    for (const line of (await readFile(join(dir, file), 'utf8')).split('\n')) {
      const micros = Number(line.split(' ')[2]);
      if (Number.isFinite(micros) && line) latencies.push(micros / 1000);
    }
  }
  return latencies;
};
