import { isPayGateError, type ErrorKind } from '../errors/index.ts';
import type { Decider } from './decider.ts';
import { sameData, showData } from './same-data.ts';

export type DeciderSpecOptions<Event> = {
  /** Runs on every given and produced event, e.g. the decider's schema parser, so tests catch events their schema rejects. */
  validateEvent?: (event: Event) => unknown;
};

export type DeciderThen<Event> = {
  /** The command produced exactly these events, in this order (`[]`: nothing changed). */
  then(expected: readonly Event[]): void;
  /** The command threw a PayGateError of this kind (and, if given, a message containing `messagePart`). */
  thenThrows(kind: ErrorKind, messagePart?: string): void;
};

const fail = (message: string): never => {
  throw new Error(message);
};

/**
 * Given/when/then for deciders, independent of the test runner (a failed expectation throws).
 * Call `.then(...)` synchronously; do not `await` the `when(...)` result (it has a `then`).
 *
 *   const given = deciderSpec(channelDecider);
 *   given([registered]).when(priceTier).then([tierPriced]);
 *   given([]).when(priceTier).thenThrows('not_found');
 */
export const deciderSpec =
  <Command, Event, State>(decider: Decider<Command, Event, State>, options: DeciderSpecOptions<Event> = {}) =>
  (events: readonly Event[]) => ({
    when(command: Command): DeciderThen<Event> {
      // Outside the try below: a broken `given` must not pass as the expected error.
      events.forEach((event) => options.validateEvent?.(event));
      const state = events.reduce((current, event) => decider.evolve(current, event), decider.initialState);
      const run = (): Event[] => decider.decide(command, state);
      return {
        then(expected) {
          const actual = run();
          actual.forEach((event) => options.validateEvent?.(event));
          if (!sameData(actual, expected)) fail(`expected events:\n${showData(expected)}\nbut got:\n${showData(actual)}`);
        },
        thenThrows(kind, messagePart) {
          let produced: Event[];
          try {
            produced = run();
          } catch (error) {
            if (!isPayGateError(error)) throw error;
            if (error.kind !== kind) fail(`expected a '${kind}' error but got '${error.kind}': ${error.message}`);
            if (messagePart !== undefined && !error.message.includes(messagePart)) {
              fail(`expected the error message to contain ${JSON.stringify(messagePart)}: ${error.message}`);
            }
            return;
          }
          fail(`expected a '${kind}' error but got events:\n${showData(produced)}`);
        },
      };
    },
  });
