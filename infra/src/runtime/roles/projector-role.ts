import type { EventStore } from '@paygate/domain';
import { createProjectionRunner, DEFAULT_READ_MODEL_SCHEMA, readModelProjections, type AnyKysely } from '@paygate/projections';
import type { Logger } from '../../logging/index.ts';
import type { Role } from '../role.ts';

export type ProjectorRoleDeps = { readModels: AnyKysely; eventStore: EventStore; logger: Logger };

/**
 * Keeps every read model current through one `$all` reader: each batch is one transaction with
 * every projection's rows and checkpoint. Each projection keeps its own checkpoint in the
 * read-model schema, so a new version rebuilds from event 0 while the others skip what they
 * have. Several projector processes may run; a batch another process already committed is
 * detected and skipped.
 */
export const createProjectorRole = ({ readModels, eventStore, logger: parent }: ProjectorRoleDeps): Role => {
  const logger = parent.child({ role: 'projector' });
  const runner = createProjectionRunner({ db: readModels, eventStore, projection: readModelProjections, schema: DEFAULT_READ_MODEL_SCHEMA, logger });
  return { name: 'projector', start: () => runner.start(), stop: () => runner.stop() };
};
