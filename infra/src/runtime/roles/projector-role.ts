import { createProjectionRunner, DEFAULT_READ_MODEL_SCHEMA, readModelProjections, type ProjectionRunner } from '@paygate/projections';
import type { Platform } from '../platform.ts';
import { readModelDb } from '../read-model-db.ts';
import type { Role } from '../role.ts';

/**
 * Keeps every read model current: one runner per projection, each with its own checkpoint in
 * the read-model schema, so one can be rebuilt while the others keep going. Several projector
 * processes may run; a batch another process already committed is detected and skipped.
 */
export const createProjectorRole = (platform: Platform): Role => {
  const logger = platform.logger.child({ role: 'projector' });
  const db = readModelDb(platform);
  const runners: ProjectionRunner[] = readModelProjections.map((projection) =>
    createProjectionRunner({ db, eventStore: platform.eventStore, projection, schema: DEFAULT_READ_MODEL_SCHEMA, logger }),
  );
  return {
    name: 'projector',
    start: async () => {
      for (const runner of runners) await runner.start();
    },
    stop: async () => {
      await Promise.all(runners.map((runner) => runner.stop()));
    },
  };
};
