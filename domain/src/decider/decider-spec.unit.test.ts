import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { PayGateError } from '../errors/index.ts';
import { foldEvents, type Decider } from './decider.ts';
import { deciderSpec } from './decider-spec.ts';
import { createEventParser } from './event-schema.ts';

// A toy counter: Add { by } → Added { by }; adding 0 changes nothing; the total may not pass 10.
type Added = { type: 'Added'; data: { by: number } };
type Add = { type: 'Add'; data: { by: number } };
const counter: Decider<Add, Added, number> = {
  initialState: 0,
  evolve: (total, event) => (event.type === 'Added' ? total + event.data.by : total),
  decide: (command, total) => {
    if (command.data.by === 0) return [];
    if (total + command.data.by > 10) throw new PayGateError('conflict', 'total would pass 10');
    return [{ type: 'Added', data: { by: command.data.by } }];
  },
};
const AddedSchema = v.object({ type: v.literal('Added'), data: v.object({ by: v.pipe(v.number(), v.integer()) }) });
const given = deciderSpec(counter, { validateEvent: createEventParser(AddedSchema, 'counter') });
const added = (by: number): Added => ({ type: 'Added', data: { by } });
const add = (by: number): Add => ({ type: 'Add', data: { by } });

describe('deciderSpec', () => {
  it('passes when the events match and fails when they do not', () => {
    given([added(2)]).when(add(3)).then([added(3)]);
    given([added(2)]).when(add(0)).then([]);
    expect(() => given([]).when(add(3)).then([added(4)])).toThrow(/expected events/);
    expect(() => given([]).when(add(3)).then([])).toThrow(/but got/);
  });

  it('checks the error kind and message', () => {
    given([added(9)]).when(add(2)).thenThrows('conflict');
    given([added(9)]).when(add(2)).thenThrows('conflict', 'pass 10');
    expect(() => given([added(9)]).when(add(2)).thenThrows('validation')).toThrow(/expected a 'validation' error but got 'conflict'/);
    expect(() => given([added(9)]).when(add(2)).thenThrows('conflict', 'nope')).toThrow(/message to contain/);
    expect(() => given([]).when(add(2)).thenThrows('conflict')).toThrow(/but got events/);
  });

  it('validates given and produced events with the schema', () => {
    expect(() => given([added(1.5)]).when(add(1))).toThrow(expect.objectContaining({ kind: 'validation' }));
    expect(() => given([]).when(add(0.5)).then([added(0.5)])).toThrow(/invalid counter event "Added": data.by/);
  });

  it('foldEvents folds from the initial state', () => {
    expect(foldEvents(counter, [added(1), added(2)])).toBe(3);
  });
});
