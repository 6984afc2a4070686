import { isPayGateError, type ErrorKind, type EventMetadata, type PayGateError, type RecordedEvent } from '@paygate/domain';
import { createInMemoryEventStore, type InMemoryEventStore } from '../in-memory-event-store/index.ts';
import { assertAppended, type ExpectedStreams } from './expected-events.ts';
import { givenEventId } from './given-event-id.ts';

/** An event already in a stream before the command: plain data; its id is `givenEventId(stream, revision)` unless given. */
export type GivenEvent = { type: string; data: unknown; id?: string; metadata?: EventMetadata };

/** Given events per stream, appended in this order (streams in key order). */
export type GivenStreams = Readonly<Record<string, readonly GivenEvent[]>>;

export type SpecContext = {
  eventStore: InMemoryEventStore;
  /** The given events as recorded, in `$all` order. */
  given: readonly RecordedEvent[];
  /** The last given event of `type` (in `streamId`, if named), e.g. the PaymentReceived a process manager handles. */
  recorded(type: string, streamId?: string): RecordedEvent;
};

export type SpecOutcome<T> = {
  /** What the call returned (undefined after an error). */
  result: T;
  /** Events the call appended, per stream, in `$all` order. */
  appended: Readonly<Record<string, RecordedEvent[]>>;
  eventStore: InMemoryEventStore;
};

export type SpecWhen<T> = {
  /** The call succeeded and appended exactly these events (streams not named: nothing). */
  thenAppends(expected: ExpectedStreams): Promise<SpecOutcome<T>>;
  /** The call succeeded and appended nothing (an idempotent repeat, a no-op). */
  thenAppendsNothing(): Promise<SpecOutcome<T>>;
  /**
   * The call threw a PayGateError of `kind` (with `message` in its message, if given) and
   * appended `appends` (default: nothing).
   */
  thenThrows(kind: ErrorKind, options?: { message?: string; appends?: ExpectedStreams }): Promise<SpecOutcome<undefined> & { error: PayGateError }>;
};

export type CommandSpecOptions = {
  /** recordedAt of every event; default the system time. */
  clock?: () => Date;
};

type Run<T> = { ok: true; value: T; outcome: Omit<SpecOutcome<T>, 'result'> } | { ok: false; error: unknown; outcome: Omit<SpecOutcome<T>, 'result'> };

/**
 * Given/when/then for command handlers and process managers over a fresh in-memory event store:
 *
 *   await commandSpec()
 *     .given({ 'channel-ch1': [registered] })
 *     .when(({ eventStore }) => createChannelCommands({ eventStore, clock }).retireTier(input))
 *     .thenAppends({ 'channel-ch1': [{ type: 'TierRetired', data: {...} }] });
 *
 * Runs when a `then…` is called (each call runs the scenario again on a new store). Independent
 * of the test runner: a failed expectation throws.
 */
export const commandSpec = (options: CommandSpecOptions = {}) => ({
  given: (streams: GivenStreams = {}) => ({
    when<T>(act: (context: SpecContext) => Promise<T> | T): SpecWhen<T> {
      const run = async (): Promise<Run<T>> => {
        const eventStore = createInMemoryEventStore(options.clock === undefined ? {} : { clock: options.clock });
        for (const [streamId, events] of Object.entries(streams)) {
          if (events.length === 0) continue;
          await eventStore.append(
            streamId,
            events.map((event, revision) => ({ id: event.id ?? givenEventId(streamId, revision), type: event.type, data: event.data, metadata: event.metadata ?? {} })),
          );
        }
        const given = await eventStore.readAll();
        const recorded = (type: string, streamId?: string): RecordedEvent => {
          const found = given.findLast((event) => event.type === type && (streamId === undefined || event.streamId === streamId));
          if (!found) throw new Error(`commandSpec: no given ${type}${streamId === undefined ? '' : ` in ${streamId}`}`);
          return found;
        };
        const appendedSince = async () => {
          const after = given.at(-1)?.position;
          const appended: Record<string, RecordedEvent[]> = {};
          for (const event of await eventStore.readAll(after === undefined ? {} : { after })) (appended[event.streamId] ??= []).push(event);
          return { appended, eventStore };
        };
        try {
          const value = await act({ eventStore, given, recorded });
          return { ok: true, value, outcome: await appendedSince() };
        } catch (error) {
          return { ok: false, error, outcome: await appendedSince() };
        }
      };

      const succeeded = async (): Promise<Extract<Run<T>, { ok: true }>> => {
        const result = await run();
        if (!result.ok) throw new Error(`commandSpec: expected the call to succeed, but it threw: ${String(result.error)}`, { cause: result.error });
        return result;
      };

      return {
        async thenAppends(expected) {
          const { value, outcome } = await succeeded();
          assertAppended(outcome.appended, expected);
          return { result: value, ...outcome };
        },
        async thenAppendsNothing() {
          const { value, outcome } = await succeeded();
          assertAppended(outcome.appended, {});
          return { result: value, ...outcome };
        },
        async thenThrows(kind, expectation = {}) {
          const result = await run();
          if (result.ok) throw new Error(`commandSpec: expected a '${kind}' error, but the call succeeded`);
          const { error } = result;
          if (!isPayGateError(error)) throw error;
          if (error.kind !== kind) throw new Error(`commandSpec: expected a '${kind}' error but got '${error.kind}': ${error.message}`, { cause: error });
          if (expectation.message !== undefined && !error.message.includes(expectation.message)) {
            throw new Error(`commandSpec: expected the error message to contain ${JSON.stringify(expectation.message)}: ${error.message}`);
          }
          assertAppended(result.outcome.appended, expectation.appends ?? {});
          return { result: undefined, error, ...result.outcome };
        },
      };
    },
  }),
});
