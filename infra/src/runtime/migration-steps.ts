import type { Platform } from './platform.ts';

/**
 * Schema work beyond the event store (which createPlatform migrates itself): read models,
 * checkpoints. `paygate migrate` and `paygate start` run every step, in registration order;
 * each step must be idempotent and safe to run from several processes at once (the shared
 * `migrate()` takes an advisory lock).
 */
export type MigrationStep = { name: string; run(platform: Platform): Promise<unknown> };

const steps: MigrationStep[] = [];

export const registerMigrationStep = (step: MigrationStep): void => {
  if (steps.some((existing) => existing.name === step.name)) throw new Error(`migration step "${step.name}" is already registered`);
  steps.push(step);
};

export const migrationSteps = (): readonly MigrationStep[] => [...steps];

export const runMigrationSteps = async (platform: Platform, list: readonly MigrationStep[] = steps): Promise<void> => {
  for (const step of list) {
    const started = performance.now();
    platform.logger.info({ step: step.name }, 'running migration step');
    await step.run(platform);
    platform.logger.info({ step: step.name, durationMs: Math.round(performance.now() - started) }, 'migration step done');
  }
};
