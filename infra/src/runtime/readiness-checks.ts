import type { ReadinessCheck } from '../http/index.ts';
import type { Platform } from './platform.ts';

/** What `/readyz` asks of the platform: each shared dependency answers a cheap request. */
export const platformReadinessChecks = ({ pool, eventStore, broker }: Pick<Platform, 'pool' | 'eventStore' | 'broker'>): ReadinessCheck[] => [
  { name: 'postgres', check: () => pool.query('select 1') },
  { name: 'eventStore', check: () => eventStore.ping() },
  { name: 'broker', check: () => broker.ping() },
];
