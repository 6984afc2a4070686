import type pg from 'pg';
import type { Broker, EventStore } from '@paygate/domain';
import type { Logger } from '../../logging/index.ts';
import { createRelay } from '../../relay/index.ts';
import type { Role } from '../role.ts';

export type RelayRoleDeps = { pool: pg.Pool; eventStore: EventStore; broker: Broker; logger: Logger; subjectPrefix: string };

/**
 * Tails the log and publishes to the broker. Run it as often as you like: one instance holds
 * the leader lock and relays, the others wait as standbys.
 */
export const createRelayRole = ({ pool, eventStore, broker, logger, subjectPrefix }: RelayRoleDeps): Role => {
  const relay = createRelay({ pool, eventStore, broker, logger: logger.child({ role: 'relay' }), subjectPrefix });
  return { name: 'relay', start: () => relay.start(), stop: () => relay.stop() };
};
