import { describe, expect, it } from 'vitest';
import { PayGateError } from '@paygate/domain';
import { logFailedDelivery } from './failure-log.ts';

const record = () => {
  const lines: { level: string; object: Record<string, unknown>; message: string }[] = [];
  const logger = {
    info: (object: Record<string, unknown>, message: string) => void lines.push({ level: 'info', object, message }),
    warn: (object: Record<string, unknown>, message: string) => void lines.push({ level: 'warn', object, message }),
  };
  return { lines, logger };
};

const delivery = (n: number) => ({ manager: 'access-manager', eventId: 'e1', eventType: 'PaymentReceived', delivery: n, maxDeliver: 8 });
const chatNotFound = new PayGateError('not_found', 'Telegram createChatInviteLink failed: Bad Request: chat not found', { errorCode: 400 });

describe('logFailedDelivery', () => {
  it('an anticipated refusal is info with its message while the broker retries', () => {
    const { lines, logger } = record();
    logFailedDelivery(logger, delivery(1), chatNotFound);
    expect(lines).toEqual([
      {
        level: 'info',
        object: { manager: 'access-manager', eventId: 'e1', eventType: 'PaymentReceived', delivery: 1, reason: chatNotFound.message },
        message: 'process manager deferred the event; the broker will redeliver',
      },
    ]);
  });

  it('the last failed delivery is a warn: the event is dead-lettered', () => {
    const { lines, logger } = record();
    logFailedDelivery(logger, delivery(8), chatNotFound);
    expect(lines).toMatchObject([{ level: 'warn', message: 'process manager failed; gave up after 8 deliveries; the event is dead-lettered' }]);
    expect(lines[0]!.object).not.toHaveProperty('err');
  });

  it('an unexpected error is a warn with the error (and its stack) on every delivery', () => {
    const { lines, logger } = record();
    const bug = new TypeError('x is undefined');
    logFailedDelivery(logger, delivery(1), bug);
    logFailedDelivery(logger, delivery(2), new PayGateError('unavailable', 'Telegram unreachable'));
    expect(lines.map((line) => line.level)).toEqual(['warn', 'warn']);
    expect(lines[0]!.object.err).toBe(bug);
  });
});
