import { describe, expect, it } from 'vitest';
import { subjectForEvent, type Broker, type ConsumerOptions } from '@paygate/domain';
import { processManagerFilter, runProcessManager, type ProcessManager } from './process-manager.ts';

// Which relayed events a process manager's durable consumer is given, and how many at once.

const subjectMatches = (filter: string, subject: string) =>
  new RegExp(`^${filter.replaceAll('.', '\\.').replaceAll('*', '[^.]+').replace(/>$/, '.+')}$`).test(subject);

const capturing = () => {
  const seen: ConsumerOptions[] = [];
  const broker = { consume: async (options: ConsumerOptions) => (seen.push(options), { stop: async () => {} }) } as unknown as Broker;
  return { broker, seen };
};

const manager = (handles: readonly string[], extra: Partial<ProcessManager> = {}): ProcessManager => ({ name: 'pm', handles, handle: async () => {}, ...extra });

describe('process manager consumers', () => {
  it('a manager of one event type is given only that type, from any stream category', () => {
    const filter = processManagerFilter(['PaymentReceived'], 'paygate.events');
    expect(filter).toBe('paygate.events.*.PaymentReceived');
    expect(subjectMatches(filter, subjectForEvent({ streamId: 'payment-5001', type: 'PaymentReceived' }))).toBe(true);
    expect(subjectMatches(filter, subjectForEvent({ streamId: 'payment-5001', type: 'PaymentStatusRecorded' }))).toBe(false);
    expect(subjectMatches(filter, subjectForEvent({ streamId: 'subscription-ch1-42', type: 'AccessGranted' }))).toBe(false);
  });

  it('a manager of several types (one filter subject on nats-server 2.9) is given every event', () => {
    expect(processManagerFilter(['PaymentReceived', 'SubscriptionStarted'], 'p')).toBe('p.>');
    expect(processManagerFilter(['Odd.Type'], 'p')).toBe('p.>');
  });

  it("runs with the manager's own concurrency unless the caller sets one, else 16", async () => {
    const { broker, seen } = capturing();
    await runProcessManager(broker, manager(['PaymentReceived'], { maxInFlight: 60 }), { subjectPrefix: 'x' });
    await runProcessManager(broker, manager(['PaymentReceived'], { maxInFlight: 60 }), { subjectPrefix: 'x', maxInFlight: 4 });
    await runProcessManager(broker, manager(['A', 'B']));
    expect(seen.map((options) => [options.filterSubject, options.maxInFlight])).toEqual([
      ['x.*.PaymentReceived', 60],
      ['x.*.PaymentReceived', 4],
      ['paygate.events.>', 16],
    ]);
  });
});
