import { describe, expect, it } from 'vitest';
import { PayGateError, type EventStore } from '@paygate/domain';
import { commandSpec } from './command-spec.ts';
import { givenEventId } from './given-event-id.ts';

// A tiny handler: opens a counter stream once, then counts; refuses to count an unopened one.
const ID = '00000000-0000-4000-8000-00000000000';
const count = async (eventStore: EventStore, streamId: string, by: number) => {
  const events = await eventStore.readStream(streamId);
  if (events.length === 0) throw new PayGateError('not_found', `no counter ${streamId}`);
  await eventStore.append(streamId, [{ id: `${ID}${by}`, type: 'Counted', data: { by } }], { expectedRevision: events.at(-1)!.streamRevision });
  return events.length;
};
const opened = { 'counter-1': [{ type: 'CounterOpened', data: { at: '2026-01-01T00:00:00.000Z' } }] };

describe('commandSpec', () => {
  it('passes when exactly the expected events were appended, and hands back the result', async () => {
    const outcome = await commandSpec()
      .given(opened)
      .when(({ eventStore }) => count(eventStore, 'counter-1', 2))
      .thenAppends({ 'counter-1': [{ type: 'Counted', data: { by: 2 }, id: `${ID}2` }] });
    expect(outcome.result).toBe(1);
    expect(outcome.appended['counter-1']![0]!.streamRevision).toBe(1n);
  });

  it('fails on different data, an extra stream, or a missing event', async () => {
    const when = commandSpec().given(opened).when(({ eventStore }) => count(eventStore, 'counter-1', 2));
    await expect(when.thenAppends({ 'counter-1': [{ type: 'Counted', data: { by: 3 } }] })).rejects.toThrow(/stream counter-1: expected/);
    await expect(when.thenAppends({ 'counter-1': [{ type: 'Counted' }], 'counter-2': [{ type: 'Counted' }] })).rejects.toThrow(/stream counter-2/);
    await expect(when.thenAppendsNothing()).rejects.toThrow(/but it appended/);
  });

  it('checks only the metadata keys it is given', async () => {
    const when = commandSpec()
      .given({})
      .when(({ eventStore }) => eventStore.append('s', [{ id: `${ID}1`, type: 'T', data: {}, metadata: { correlationId: 'c', causationId: 'x' } }]));
    await when.thenAppends({ s: [{ type: 'T', metadata: { correlationId: 'c' } }] });
    await expect(when.thenAppends({ s: [{ type: 'T', metadata: { correlationId: 'other' } }] })).rejects.toThrow();
  });

  it('thenThrows checks the kind, the message and that nothing (or what is named) was appended', async () => {
    const missing = commandSpec().given({}).when(({ eventStore }) => count(eventStore, 'counter-1', 1));
    const { error } = await missing.thenThrows('not_found', { message: 'no counter' });
    expect(error.kind).toBe('not_found');
    await expect(missing.thenThrows('conflict')).rejects.toThrow(/expected a 'conflict' error but got 'not_found'/);
    await expect(missing.thenThrows('not_found', { message: 'other' })).rejects.toThrow(/message to contain/);
    await expect(missing.thenAppendsNothing()).rejects.toThrow(/expected the call to succeed/);

    const halfDone = commandSpec()
      .given({})
      .when(async ({ eventStore }) => {
        await eventStore.append('s', [{ id: `${ID}1`, type: 'Started', data: {} }]);
        throw new PayGateError('unavailable', 'gateway down');
      });
    await halfDone.thenThrows('unavailable', { appends: { s: [{ type: 'Started' }] } });
    await expect(halfDone.thenThrows('unavailable')).rejects.toThrow(/stream s/);
  });

  it('a success is not an expected error; a non-PayGateError is rethrown as it is', async () => {
    await expect(commandSpec().given(opened).when(() => 1).thenThrows('validation')).rejects.toThrow(/but the call succeeded/);
    await expect(
      commandSpec()
        .given({})
        .when(() => {
          throw new TypeError('bug');
        })
        .thenThrows('validation'),
    ).rejects.toThrow(TypeError);
  });

  it('gives the recorded given events to the call, and each then… runs on a fresh store', async () => {
    const when = commandSpec()
      .given(opened)
      .when(async ({ eventStore, recorded, given }) => {
        expect(given).toHaveLength(1);
        expect(recorded('CounterOpened', 'counter-1')).toMatchObject({ streamRevision: 0n, id: givenEventId('counter-1', 0) });
        expect(() => recorded('Nope')).toThrow(/no given Nope/);
        return count(eventStore, 'counter-1', 1);
      });
    await when.thenAppends({ 'counter-1': [{ type: 'Counted' }] });
    await when.thenAppends({ 'counter-1': [{ type: 'Counted' }] }); // not a conflict: a new store
  });

  it('given ids are UUIDs derived from stream and revision', () => {
    expect(givenEventId('counter-1', 0)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(givenEventId('counter-1', 0)).toBe(givenEventId('counter-1', 0));
    expect(new Set([givenEventId('counter-1', 0), givenEventId('counter-1', 1), givenEventId('counter-2', 0)]).size).toBe(3);
  });
});
