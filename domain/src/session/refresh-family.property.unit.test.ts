import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPayGateError } from '../errors/index.ts';
import { foldEvents } from '../decider/index.ts';
import { sessionDecider, type SessionState } from './refresh-family-decider.ts';
import type { SessionEvent } from './refresh-family-events.ts';
import { rotate, started } from './session-fixtures.ts';

/**
 * Two holders of one family: the client rotates with the current token, and at some point a
 * spent token (any earlier generation) is replayed. Whatever the order and whatever comes after,
 * the family ends revoked for reuse and no token is issued after the revocation.
 */
type Step = { kind: 'rotate' } | { kind: 'replay'; pick: number };

const stepsArb = fc
  .tuple(fc.integer({ min: 1, max: 8 }), fc.nat(), fc.array(fc.oneof(fc.constant<Step>({ kind: 'rotate' }), fc.nat().map<Step>((pick) => ({ kind: 'replay', pick }))), { maxLength: 8 }))
  .map(([before, pick, after]) => ({ before, steps: [...Array.from({ length: before }, (): Step => ({ kind: 'rotate' })), { kind: 'replay', pick } as Step, ...after] }));

describe('refresh-token family: property', () => {
  it('rotations with one replay of an old token end revoked, and nothing is issued after the revocation', () => {
    fc.assert(
      fc.property(stepsArb, ({ before, steps }) => {
        const log: SessionEvent[] = [started];
        let state: SessionState = foldEvents(sessionDecider, log);
        let next = 1;
        for (const step of steps) {
          const current = state.hashes.length - 1;
          // Before the revocation a replay presents a spent generation; after it, any generation.
          const presented = step.kind === 'rotate' ? current : step.pick % Math.max(1, current);
          let events: SessionEvent[] = [];
          try {
            events = sessionDecider.decide(rotate(presented, next), state);
          } catch (error) {
            if (!isPayGateError(error) || error.kind !== 'unauthorized') throw error;
            expect(state.status).toBe('revoked');
          }
          next += 1;
          log.push(...events);
          state = events.reduce(sessionDecider.evolve, state);
        }
        const revokedAt = log.findIndex((event) => event.type === 'SessionRevoked');
        // Every rotation before the replay succeeded, the replay revoked, and nothing followed.
        expect(revokedAt).toBe(1 + before);
        expect(log[revokedAt]?.type === 'SessionRevoked' && log[revokedAt].data.reason).toBe('reuse_detected');
        expect(log.slice(revokedAt + 1)).toEqual([]);
        expect(state.status).toBe('revoked');
      }),
      { numRuns: 300 },
    );
  });
});
