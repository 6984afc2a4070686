import { afterAll, beforeAll, describe } from 'vitest';
import type { EventStore } from '@paygate/domain';
import { appendCases } from './append-cases.ts';
import { concurrencyCases } from './concurrency-cases.ts';
import type { ContractContext, EventStoreContractHarness } from './helpers.ts';
import { orderingProperty } from './ordering-property.ts';
import { readCases } from './read-cases.ts';
import { subscriptionCases } from './subscription-cases.ts';

export type { EventStoreContractHarness } from './helpers.ts';

/**
 * The one behaviour every EventStore adapter must show. Call it from an adapter's `*.int.test.ts`
 * with a setup that returns a live store on a fresh (or shared, but unique-stream-safe) backend.
 * Cases use unique stream ids and read `$all` after their own checkpoint, so a shared server works.
 */
export const describeEventStoreContract = (name: string, setup: () => Promise<EventStoreContractHarness>): void => {
  describe(`EventStore contract: ${name}`, () => {
    let harness: EventStoreContractHarness | undefined;
    let current: EventStore | undefined;

    const ctx: ContractContext = {
      store: () => {
        if (current === undefined) throw new Error('contract setup did not run');
        return current;
      },
      harness: () => {
        if (harness === undefined) throw new Error('contract setup did not run');
        return harness;
      },
      restart: async () => {
        current = await ctx.harness().restart();
        return current;
      },
    };

    beforeAll(async () => {
      harness = await setup();
      current = harness.store;
    });
    afterAll(async () => {
      await harness?.teardown();
    });

    appendCases(ctx);
    concurrencyCases(ctx);
    readCases(ctx);
    subscriptionCases(ctx);
    orderingProperty(ctx);
  });
};
