import { createRelay } from '../../relay/index.ts';
import type { Platform } from '../platform.ts';
import type { Role } from '../role.ts';

/**
 * Tails the log and publishes to the broker. Run it as often as you like: one instance holds
 * the leader lock and relays, the others wait as standbys.
 */
export const createRelayRole = (platform: Platform): Role => {
  const relay = createRelay({
    pool: platform.pool,
    eventStore: platform.eventStore,
    broker: platform.broker,
    logger: platform.logger.child({ role: 'relay' }),
    subjectPrefix: platform.config.natsSubjectPrefix,
  });
  return { name: 'relay', start: () => relay.start(), stop: () => relay.stop() };
};
