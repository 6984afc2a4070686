import { isPayGateError } from '@paygate/domain';
import { loadConfig, type Config } from '../../config/index.ts';
import { apiProcessWorker } from '../../runtime/api-process-worker.ts';
import { ROLE_NAMES, resolveRoleNames } from '../../runtime/role.ts';
import { onShutdownSignals } from '../../runtime/shutdown-signals.ts';
import type { RunningPayGate } from '../../runtime/start-paygate.ts';
import { EXIT_FAILURE, EXIT_OK, type CliIo, type Command } from '../command.ts';
import { commandLogger } from '../command-logger.ts';
import { refuseSecondInstance } from '../second-instance.ts';
import { UsageError } from '../usage-error.ts';

const parseRoles = (value: unknown): string[] | undefined => {
  if (value === undefined) return undefined;
  const list = (Array.isArray(value) ? value : [value]).flatMap((item) => String(item).split(','));
  return list.map((role) => role.trim()).filter((role) => role !== '');
};

const MAX_PROCESSES = 64;

/**
 * `--processes N`: N > 1 is for the api role alone. The other roles hold leaders, consumers and
 * in-memory state that one process owns; run more of them as separate `paygate start`s.
 */
const parseProcesses = (value: unknown, roles: readonly string[] | undefined): number => {
  if (value === undefined) return 1;
  const text = String(value).trim();
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > MAX_PROCESSES)
    throw new UsageError(`--processes must be a whole number from 1 to ${MAX_PROCESSES} (got ${JSON.stringify(text)})`, 'start');
  const count = Number(text);
  if (count > 1 && (roles === undefined || roles.some((role) => role !== 'api')))
    throw new UsageError(`--processes ${count} runs the api role only: use --roles api --processes ${count}, and start the other roles separately`, 'start');
  return count;
};

/** The embedded PostgreSQL belongs to one process, and N workers would each start one. */
const requireDatabaseUrl = (config: Config, count: number) => {
  if (config.databaseUrl === undefined)
    throw new UsageError(`--processes ${count} needs DATABASE_URL: the embedded PostgreSQL serves one process only`, 'start');
};

/** The primary of `--processes N`: it forks the workers, each of which runs this command again with `--roles api`. */
const runPrimary = async (config: Config, count: number, io: CliIo): Promise<number> => {
  requireDatabaseUrl(config, count);
  const logger = commandLogger(config, { to: 'stdout' });
  const { runApiProcesses } = await import('../../runtime/api-processes.ts');
  return runApiProcesses({
    count,
    logger,
    exec: process.argv[1]!,
    args: ['start', '--roles', 'api'],
    dataDir: config.dataDir,
    onReady: (url) => {
      if (url) io.stdout(`PayGate listening on ${url} (${config.mode} mode, ${count} api processes)\n`);
    },
  });
};

export const startCommand: Command = {
  name: 'start',
  summary: 'Run PayGate roles in this process until SIGTERM/SIGINT',
  description: [
    `Roles: ${ROLE_NAMES.join(', ')}. Default: every role this build provides, in one process.`,
    'With no DATABASE_URL / NATS_URL it runs on an embedded PostgreSQL and the in-process broker.',
    'The first SIGTERM or SIGINT stops roles in reverse order and closes connections; a second one exits at once.',
    '--roles api --processes N runs the api role in N worker processes sharing one port (one per core),',
    'under a primary that replaces a worker that dies (at most 5 times a minute, then it exits 1) and',
    'stops them all on SIGTERM/SIGINT. It needs DATABASE_URL; other roles run in processes of their own.',
  ].join('\n'),
  options: {
    roles: { type: 'string', multiple: true, valueName: 'list', description: `Comma-separated roles to run (${ROLE_NAMES.join(',')})` },
    processes: { type: 'string', valueName: 'n', description: `Worker processes for the api role (1-${MAX_PROCESSES}, default 1; above 1 only with --roles api)` },
  },
  examples: [
    'paygate start',
    'paygate start --roles api',
    'PORT=8080 DATABASE_URL=postgres://… paygate start --roles api,relay',
    'PORT=8080 DATABASE_URL=postgres://… NATS_URL=nats://… paygate start --roles api --processes 2',
  ],
  async run({ values, io }) {
    const requested = parseRoles(values.roles);
    if (requested !== undefined) {
      try {
        resolveRoleNames(requested);
      } catch (error) {
        if (isPayGateError(error) && error.kind === 'validation') throw new UsageError(error.message, 'start');
        throw error;
      }
    }
    const processes = parseProcesses(values.processes, requested);
    const config = loadConfig(io.env);
    if (processes > 1) return runPrimary(config, processes, io);
    // Forked by a `--processes` primary: it prints the one "listening" line and asks for the stop.
    const worker = apiProcessWorker();
    await refuseSecondInstance(config);
    const logger = commandLogger(config, { to: 'stdout' });

    // Signals are handled from the start: a SIGTERM during a slow boot (first embedded
    // PostgreSQL init) still ends in an orderly stop instead of an orphaned database server.
    let stopping = false;
    let resolveShutdown!: () => void;
    const shutdownRequested = new Promise<void>((resolve) => (resolveShutdown = resolve));
    const signalled = () => {
      stopping = true;
      resolveShutdown();
    };
    let finished!: () => void;
    const shutdownDone = new Promise<void>((resolve) => (finished = resolve));
    const removeSignalHandlers = onShutdownSignals({
      logger,
      onShutdown: async () => {
        signalled();
        await shutdownDone;
      },
    });
    const removeShutdownListener = worker?.onShutdown(() => {
      if (!stopping) logger.info('shutting down (asked by the primary)');
      signalled();
    });
    const cleanUp = () => {
      finished();
      removeSignalHandlers();
      removeShutdownListener?.();
      worker?.done();
    };

    let running: RunningPayGate;
    try {
      // Loaded here, not at the top: `--help` and usage errors stay fast and need no adapters.
      const { startPayGate } = await import('../../runtime/start-paygate.ts');
      running = await startPayGate({ config, roles: requested, logger, ...(worker ? { runtimePid: worker.primaryPid } : {}) });
    } catch (error) {
      logger.fatal({ err: error }, 'PayGate failed to start');
      io.stderr(`error: PayGate failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
      cleanUp();
      return EXIT_FAILURE;
    }
    if (worker) worker.ready(running.url);
    else if (running.url && !stopping) {
      io.stdout(`PayGate listening on ${running.url} (${config.mode} mode)\n`);
      if (config.mode === 'sandbox' && running.paygate.dashboard.auth()) {
        await printDemoLogin(running, io).catch((error: unknown) => logger.warn({ err: error }, 'no demo dashboard link: issuing it failed'));
      }
    }

    await shutdownRequested;
    const { clean } = await running.stop();
    cleanUp();
    return clean ? EXIT_OK : EXIT_FAILURE;
  },
};

/** The sandbox's front door to the dashboard: a one-time login link for the demo owner. */
const printDemoLogin = async (running: RunningPayGate, io: { stdout(text: string): void }) => {
  const { sandboxDemoLoginUrl, SANDBOX_DEMO_OWNER_ID } = await import('../../dashboard/index.ts');
  const { platform, paygate } = running;
  const { url } = await sandboxDemoLoginUrl({ eventStore: platform.eventStore, clock: platform.clock, address: paygate.address });
  io.stdout(`Dashboard: ${url} (one-time login as the demo owner ${SANDBOX_DEMO_OWNER_ID}, valid 15 minutes; another: npm run paygate -- dashboard link --owner ${SANDBOX_DEMO_OWNER_ID})\n`);
};
