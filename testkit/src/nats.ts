import { randomBytes } from 'node:crypto';

export const testNatsUrl = (): string => process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

/** A unique prefix for JetStream stream and consumer names, so suites never share state. */
export const uniqueName = (prefix: string): string =>
  `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`.toUpperCase();
