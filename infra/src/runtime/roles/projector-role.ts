import type { EventStore } from '@paygate/domain';
import { createProjectionRunner, DEFAULT_READ_MODEL_SCHEMA, readModelProjections, type AnyKysely, type ProjectionRunner } from '@paygate/projections';
import type { Logger } from '../../logging/index.ts';
import type { Role } from '../role.ts';

export type ProjectorRoleDeps = { readModels: AnyKysely; eventStore: EventStore; logger: Logger };

/**
 * Keeps every read model current: one runner per projection, each with its own checkpoint in
 * the read-model schema, so one can be rebuilt while the others keep going. Several projector
 * processes may run; a batch another process already committed is detected and skipped.
 */
export const createProjectorRole = ({ readModels, eventStore, logger: parent }: ProjectorRoleDeps): Role => {
  const logger = parent.child({ role: 'projector' });
  const runners: ProjectionRunner[] = readModelProjections.map((projection) =>
    createProjectionRunner({ db: readModels, eventStore, projection, schema: DEFAULT_READ_MODEL_SCHEMA, logger }),
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
