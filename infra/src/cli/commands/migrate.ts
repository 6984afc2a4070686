import { loadConfig } from '../../config/index.ts';
import { EXIT_OK, type Command } from '../command.ts';
import { commandLogger } from '../command-logger.ts';
import { migrationTarget } from '../migration-target.ts';
import { writeResult } from '../output.ts';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Apply every database migration (event store, bot tables, rate limits as the owner role; read models as the app role) and grant the app role; then exit',
  description: [
    'Runs as DATABASE_OWNER_URL when set, else as DATABASE_URL. When DATABASE_URL is another role (the app role), it then grants that role exactly what PayGate needs and revokes anything else on its tables; see docs/operations.md. The read models (schema read_model) are created as the app role, which owns them.',
    'Safe to run while other PayGate processes are up and from several places at once: each step is idempotent and serialised by an advisory lock. `paygate start` runs the same migrations itself.',
    'Without DATABASE_URL it joins the `paygate start` running on PAYGATE_DATA_DIR (through runtime.json) and migrates its embedded PostgreSQL; with none running, it runs the embedded server for the duration.',
  ].join('\n'),
  json: true,
  async run(context) {
    const { config, joined } = await migrationTarget(loadConfig(context.io.env));
    // Logs go to stderr: stdout carries the result, which `--json` keeps parseable.
    const logger = commandLogger(config, { to: 'stderr' });
    const { migratePostgres } = await import('../../runtime/platform.ts');
    const { appRole, granted, steps } = await migratePostgres(config, { logger });
    const eventStore = config.eventStoreUrl ? 'kurrentdb (no schema)' : 'postgres';
    const names = steps.filter((name) => name !== 'event store');
    writeResult(
      context,
      `migrations applied${joined ? ` to the running PayGate's database (pid ${joined.pid})` : ''}: event store (${eventStore}), ${names.join(', ')}${granted ? `; app role "${appRole}" granted` : ''}`,
      { ok: true, eventStore, steps: names, ...(granted ? { appRole } : {}), ...(joined ? { joinedPid: joined.pid } : {}) },
    );
    return EXIT_OK;
  },
};
