import { configSecrets, loadConfig } from '../../config/index.ts';
import { createLogger } from '../../logging/index.ts';
import { EXIT_OK, type Command } from '../command.ts';
import { writeResult } from '../output.ts';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Apply every database migration (event store, read models) and exit',
  description:
    'Safe to run while other PayGate processes are up and from several places at once: each step is idempotent and serialised by an advisory lock. `paygate start` runs the same migrations itself.',
  json: true,
  async run(context) {
    const config = loadConfig(context.io.env);
    const logger = createLogger({ level: config.logLevel, secrets: configSecrets(config) });
    const { createPlatform, migrationSteps, runMigrationSteps } = await import('../../runtime/index.ts');
    // Opening the platform migrates the PostgreSQL event store; the registered steps do the rest.
    const platform = await createPlatform(config, { logger });
    const steps = migrationSteps();
    try {
      await runMigrationSteps(platform, steps);
    } finally {
      await platform.close();
    }
    const eventStore = config.eventStoreUrl ? 'kurrentdb (no schema)' : 'postgres';
    writeResult(
      context,
      `migrations applied: event store (${eventStore})${steps.map((step) => `, ${step.name}`).join('')}`,
      { ok: true, eventStore, steps: steps.map((step) => step.name) },
    );
    return EXIT_OK;
  },
};
