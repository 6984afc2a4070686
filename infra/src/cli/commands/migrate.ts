import { loadConfig } from '../../config/index.ts';
import { EXIT_OK, type Command } from '../command.ts';
import { commandLogger } from '../command-logger.ts';
import { migrationTarget } from '../migration-target.ts';
import { writeResult } from '../output.ts';
import type { MigrationPlan } from '../../runtime/migration-plan.ts';

/** The dry run for people: one line per pending migration and read model, or "up to date". */
const describePlan = ({ pending, readModels, freshEmbedded }: MigrationPlan): string => {
  const lines = [
    ...(freshEmbedded ? ['no embedded database yet in the data directory: everything is pending'] : []),
    ...pending.map(({ scope, version, name }) => `would apply ${scope} v${version}: ${name}`),
    ...readModels.map((model) =>
      model.action === 'create'
        ? `would create read model ${model.projection} (v${model.version})`
        : `read model ${model.projection} is at v${model.fromVersion}: its projector rebuilds it as v${model.version} from event 0`,
    ),
  ];
  return lines.length === 0 ? 'dry run: the database is up to date, nothing to apply' : `dry run, nothing applied:\n${lines.join('\n')}`;
};

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Apply every database migration (event store, bot tables, rate limits as the owner role; read models as the app role) and grant the app role; then exit',
  description: [
    'Runs as DATABASE_OWNER_URL when set, else as DATABASE_URL. When DATABASE_URL is another role (the app role), it then grants that role exactly what PayGate needs and revokes anything else on its tables; see docs/operations.md. The read models (schema read_model) are created as the app role, which owns them.',
    'Safe to run while other PayGate processes are up and from several places at once: each step is idempotent and serialised by an advisory lock. `paygate start` runs the same migrations itself.',
    'Forward-only: a database migrated by a newer PayGate (a migration this binary does not know) is refused, here and by `paygate start`. --dry-run lists what would be applied and applies nothing.',
    'Without DATABASE_URL it joins the `paygate start` running on PAYGATE_DATA_DIR (through runtime.json) and migrates its embedded PostgreSQL; with none running, it runs the embedded server for the duration.',
  ].join('\n'),
  options: { 'dry-run': { type: 'boolean', description: 'List the migrations that would be applied (scope, version, name) and the read models that would be created; apply nothing' } },
  json: true,
  examples: ['paygate migrate', 'paygate migrate --dry-run', 'paygate migrate --dry-run --json'],
  async run(context) {
    const { config, joined } = await migrationTarget(loadConfig(context.io.env));
    // Logs go to stderr: stdout carries the result, which `--json` keeps parseable.
    const logger = commandLogger(config, { to: 'stderr' });
    if (context.values['dry-run'] === true) {
      const { planMigrations } = await import('../../runtime/migration-plan.ts');
      const plan = await planMigrations(config, { logger });
      writeResult(context, describePlan(plan), { dryRun: true, ...plan });
      return EXIT_OK;
    }
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
