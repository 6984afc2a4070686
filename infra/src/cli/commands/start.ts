import { isPayGateError } from '@paygate/domain';
import { loadConfig } from '../../config/index.ts';
import { ROLE_NAMES, resolveRoleNames } from '../../runtime/role.ts';
import { onShutdownSignals } from '../../runtime/shutdown-signals.ts';
import type { RunningPayGate } from '../../runtime/start-paygate.ts';
import { EXIT_FAILURE, EXIT_OK, type Command } from '../command.ts';
import { commandLogger } from '../command-logger.ts';
import { refuseSecondInstance } from '../second-instance.ts';
import { UsageError } from '../usage-error.ts';

const parseRoles = (value: unknown): string[] | undefined => {
  if (value === undefined) return undefined;
  const list = (Array.isArray(value) ? value : [value]).flatMap((item) => String(item).split(','));
  return list.map((role) => role.trim()).filter((role) => role !== '');
};

export const startCommand: Command = {
  name: 'start',
  summary: 'Run PayGate roles in this process until SIGTERM/SIGINT',
  description: [
    `Roles: ${ROLE_NAMES.join(', ')}. Default: every role this build provides, in one process.`,
    'With no DATABASE_URL / NATS_URL it runs on an embedded PostgreSQL and the in-process broker.',
    'The first SIGTERM or SIGINT stops roles in reverse order and closes connections; a second one exits at once.',
  ].join('\n'),
  options: {
    roles: { type: 'string', multiple: true, valueName: 'list', description: `Comma-separated roles to run (${ROLE_NAMES.join(',')})` },
  },
  examples: ['paygate start', 'paygate start --roles api', 'PORT=8080 DATABASE_URL=postgres://… paygate start --roles api,relay'],
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
    const config = loadConfig(io.env);
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

    let running: RunningPayGate;
    try {
      // Loaded here, not at the top: `--help` and usage errors stay fast and need no adapters.
      const { startPayGate } = await import('../../runtime/start-paygate.ts');
      running = await startPayGate({ config, roles: requested, logger });
    } catch (error) {
      logger.fatal({ err: error }, 'PayGate failed to start');
      io.stderr(`error: PayGate failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
      finished();
      removeSignalHandlers();
      return EXIT_FAILURE;
    }
    if (running.url && !stopping) io.stdout(`PayGate listening on ${running.url} (${config.mode} mode)\n`);

    await shutdownRequested;
    const { clean } = await running.stop();
    finished();
    removeSignalHandlers();
    return clean ? EXIT_OK : EXIT_FAILURE;
  },
};
