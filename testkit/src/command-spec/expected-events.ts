import { sameData, showData, type EventMetadata, type RecordedEvent } from '@paygate/domain';

/**
 * An event a spec expects. `type` always counts; `data` (exact, after a JSON round trip),
 * `id` and `metadata` (the keys given) only when given.
 */
export type ExpectedEvent = { type: string; data?: unknown; id?: string; metadata?: EventMetadata };

/** Expected events per stream; streams not named must not have been appended to. */
export type ExpectedStreams = Readonly<Record<string, readonly ExpectedEvent[]>>;

const asJson = (value: unknown): unknown => (value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown));

const matches = (actual: RecordedEvent, expected: ExpectedEvent): boolean =>
  actual.type === expected.type &&
  (!('data' in expected) || sameData(actual.data, asJson(expected.data))) &&
  (expected.id === undefined || actual.id === expected.id) &&
  (expected.metadata === undefined || Object.entries(expected.metadata).every(([key, value]) => sameData(actual.metadata[key], asJson(value))));

const show = (events: readonly Pick<RecordedEvent, 'type' | 'data'>[]) => showData(events.map(({ type, data }) => ({ type, data })));

/** Throws, with both sides shown, unless `appended` is exactly `expected`, stream by stream. */
export const assertAppended = (appended: Readonly<Record<string, readonly RecordedEvent[]>>, expected: ExpectedStreams): void => {
  const streams = new Set([...Object.keys(appended), ...Object.keys(expected)]);
  for (const streamId of streams) {
    const actual = appended[streamId] ?? [];
    const wanted = expected[streamId] ?? [];
    const same = actual.length === wanted.length && actual.every((event, i) => matches(event, wanted[i]!));
    if (!same) {
      throw new Error(`stream ${streamId}: expected the command to append\n${showData(wanted)}\nbut it appended\n${show(actual)}`);
    }
  }
};
