import { cleanEnv, exitWithin, spawnPaygate, type PaygateProcess } from '../../infra/src/cli/test-support/spawn-paygate.ts';
import { webhookUrlOf } from '../../infra/src/faults/ipn-traffic.ts';
import { childPids, peakRssMb } from './proc-memory.ts';

export type PaygateServerOptions = {
  databaseUrl: string;
  natsUrl: string;
  stream: string;
  subjectPrefix: string;
  /** One `paygate start` per entry, each running these roles; exactly one runs `api`. */
  processes: readonly (readonly string[])[];
  logLevel: string;
  /** Runs the process whose roles are exactly `api` as `--processes N` (N cluster workers on one port). */
  apiProcesses?: number;
  /** Extra NODE_OPTIONS for the servers, e.g. `--cpu-prof --cpu-prof-dir=…` to profile them. */
  nodeOptions?: string;
};

export type PaygateServer = {
  webhookUrl: string;
  /** Process id of each server process, by its roles ("api", "workers,relay,projector", …; "api primary", "api worker 2" with --processes). */
  pids: ReadonlyMap<string, number>;
  /** Peak RSS (MB, VmHWM) of each server process so far, by the same labels. */
  peakRss(): Promise<Map<string, number>>;
  /** Warnings and errors the servers logged so far, counted by message. */
  warnings(): Map<string, number>;
  stop(): Promise<void>;
};

const READY_WITHOUT_API_MS = 5_000;

const ready = async (server: PaygateProcess, hasApi: boolean): Promise<string | undefined> => {
  const started = Date.now();
  for (;;) {
    if (server.child.exitCode !== null || Date.now() - started > 60_000) throw new Error(`paygate start did not come up: ${server.stderr().slice(-2_000)}`);
    const url = webhookUrlOf(server.stdout());
    if (hasApi && url) return url;
    // Without the api role there is no "listening" line; at info level there is "PayGate started".
    if (!hasApi && (server.stdout().includes('"PayGate started"') || Date.now() - started > READY_WITHOUT_API_MS)) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

/** `paygate start` as an operator runs it, in one or more processes, on the benchmark's PostgreSQL and NATS. */
export const startPaygateServer = async (options: PaygateServerOptions): Promise<PaygateServer> => {
  const env = cleanEnv({
    DATABASE_URL: options.databaseUrl,
    NATS_URL: options.natsUrl,
    NATS_STREAM: options.stream,
    NATS_SUBJECT_PREFIX: options.subjectPrefix,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: options.logLevel,
    ...(options.nodeOptions ? { NODE_OPTIONS: options.nodeOptions } : {}),
  });
  const servers: PaygateProcess[] = [];
  let stopping = false;
  const stop = async () => {
    stopping = true;
    await Promise.all(
      servers.map(async (server) => {
        server.child.kill('SIGTERM');
        await exitWithin(server.exited, 40_000, 'paygate start').catch(() => server.child.kill('SIGKILL'));
      }),
    );
  };
  try {
    const pids = new Map<string, number>();
    let webhookUrl: string | undefined;
    for (const roles of options.processes) {
      const cluster = options.apiProcesses !== undefined && options.apiProcesses > 1 && roles.join(',') === 'api';
      const server = spawnPaygate(['start', '--roles', roles.join(','), ...(cluster ? ['--processes', String(options.apiProcesses)] : [])], env);
      servers.push(server);
      // A server gone before stop() makes every later figure meaningless: say so where it happened.
      void server.exited.then(({ code, signal }) => {
        if (!stopping) console.error(`paygate start (${roles.join(',')}) exited on its own: code ${code}, signal ${signal}\n${server.stderr().slice(-2_000)}`);
      });
      webhookUrl = (await ready(server, roles.includes('api'))) ?? webhookUrl;
      if (!cluster) pids.set(roles.join(','), server.child.pid!);
      else {
        // The primary only hands connections over; the workers serve.
        pids.set(`${roles.join(',')} primary`, server.child.pid!);
        for (const [i, pid] of (await childPids(server.child.pid!)).entries()) pids.set(`${roles.join(',')} worker ${i + 1}`, pid);
      }
    }
    if (webhookUrl === undefined) throw new Error('no process runs the api role');
    const warnings = () => {
      const counts = new Map<string, number>();
      for (const server of servers) {
        for (const line of server.stdout().split('\n')) {
          if (!line.startsWith('{')) continue;
          try {
            const { level, msg } = JSON.parse(line) as { level?: number; msg?: string };
            if ((level ?? 0) >= 40) counts.set(msg ?? '(no message)', (counts.get(msg ?? '(no message)') ?? 0) + 1);
          } catch {
            // not a log line
          }
        }
      }
      return counts;
    };
    const peakRss = async () => {
      const peaks = new Map<string, number>();
      for (const [label, pid] of pids) {
        const mb = await peakRssMb(pid);
        if (mb !== undefined) peaks.set(label, mb);
      }
      return peaks;
    };
    return { webhookUrl, pids, peakRss, warnings, stop };
  } catch (error) {
    await stop();
    throw error;
  }
};
