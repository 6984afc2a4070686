import { describe, expect, it } from 'vitest';
import { deciderSpec, foldEvents } from '../decider/index.ts';
import { revocationIn, sessionDecider, type SessionCommand } from './refresh-family-decider.ts';
import { parseSessionEvent, sessionStreamId } from './refresh-family-events.ts';
import { FAMILY, hash, minute, OWNER, revoked, rotate, rotated, started, startSession } from './session-fixtures.ts';

const given = deciderSpec(sessionDecider, { validateEvent: parseSessionEvent });
const end = (reason: 'logout' | 'logout_everywhere', ownerId = OWNER): SessionCommand => ({ type: 'EndSession', data: { familyId: FAMILY, ownerId, reason, at: minute(9) } });

describe('refresh-token family: start', () => {
  it('starts a family with generation 0 hashed, on its own stream', () => {
    given([]).when(startSession()).then([started]);
    expect(sessionStreamId(FAMILY)).toBe('session-fam-1');
  });

  it('a retried start appends nothing; another start under the same id is a conflict', () => {
    given([started]).when(startSession()).then([]);
    given([started]).when(startSession({ refreshTokenHash: hash(7) })).thenThrows('conflict');
  });

  it('refuses a token that would never be valid, and a raw token where a hash belongs', () => {
    given([]).when(startSession({ expiresAt: minute(0) })).thenThrows('validation', 'expire after');
    given([]).when(startSession({ refreshTokenHash: 'not-a-hash' })).thenThrows('validation', 'SHA-256');
  });
});

describe('refresh-token family: rotation (RFC 9700)', () => {
  it('rotates a chain of three generations, each from the one before', () => {
    given([started]).when(rotate(0, 1)).then([rotated(1)]);
    given([started, rotated(1)]).when(rotate(1, 2)).then([rotated(2)]);
    given([started, rotated(1), rotated(2)]).when(rotate(2, 3)).then([rotated(3)]);
  });

  it('reusing generation 1 after 2 revokes the whole family; then generation 3 is refused', () => {
    const history = [started, rotated(1), rotated(2), rotated(3)];
    given(history).when(rotate(1, 4, minute(5))).then([revoked('reuse_detected', minute(5))]);
    given([...history, revoked('reuse_detected', minute(5))]).when(rotate(3, 4, minute(6))).thenThrows('unauthorized', 'not valid');
  });

  it('says the rotation revoked the family, so the caller answers 401 with the revocation appended', () => {
    const state = foldEvents(sessionDecider, [started, rotated(1)]);
    expect(revocationIn(sessionDecider.decide(rotate(0, 2), state))).toBe('reuse_detected');
    expect(revocationIn(sessionDecider.decide(rotate(1, 2), state))).toBeUndefined();
  });

  it('an unknown hash is unauthorized and changes nothing; so is a family that never started', () => {
    given([started, rotated(1)]).when(rotate(99, 2)).thenThrows('unauthorized', 'not valid');
    given([]).when(rotate(0, 1)).thenThrows('unauthorized', 'not valid');
  });

  it('the current token presented at or after its expiry revokes the family as expired; nothing rotates after', () => {
    const expiry = minute(1 + 24 * 60);
    given([started, rotated(1)]).when(rotate(1, 2, expiry)).then([revoked('expired', expiry)]);
    given([started, rotated(1), revoked('expired', expiry)]).when(rotate(1, 2, expiry)).thenThrows('unauthorized');
  });

  it('a spent token counts as reuse even after the family would have expired', () => {
    const late = minute(3 * 24 * 60);
    given([started, rotated(1)]).when(rotate(0, 2, late)).then([revoked('reuse_detected', late)]);
  });

  it('never issues a hash twice, nor a token that expires before it is issued', () => {
    given([started, rotated(1)]).when(rotate(1, 0)).thenThrows('validation', 'never issued twice');
    given([started, rotated(1)]).when({ ...rotate(1, 2), data: { ...rotate(1, 2).data, expiresAt: minute(2) } }).thenThrows('validation', 'expire after');
  });
});

describe('refresh-token family: logout', () => {
  it('revokes on logout, and a second logout appends nothing', () => {
    given([started, rotated(1)]).when(end('logout')).then([revoked('logout', minute(9))]);
    given([started, rotated(1), revoked('logout', minute(9))]).when(end('logout')).then([]);
    given([started, revoked('reuse_detected', minute(2))]).when(end('logout_everywhere')).then([]);
  });

  it('log out everywhere records its own reason; after a logout the current token is refused', () => {
    given([started]).when(end('logout_everywhere')).then([revoked('logout_everywhere', minute(9))]);
    given([started, revoked('logout', minute(9))]).when(rotate(0, 1)).thenThrows('unauthorized');
  });

  it('another owner cannot end the family, and learns nothing about it (404 like a missing one)', () => {
    given([started]).when(end('logout', '987654321')).thenThrows('not_found');
    given([]).when(end('logout')).thenThrows('not_found');
  });
});
