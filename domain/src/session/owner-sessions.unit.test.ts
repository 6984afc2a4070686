import { describe, expect, it } from 'vitest';
import { deciderSpec } from '../decider/index.ts';
import { ownerSessionsDecider, ownerSessionsStreamId, parseOwnerSessionsEvent, type OwnerSessionsCommand, type OwnerSessionsEvent } from './owner-sessions.ts';

const given = deciderSpec(ownerSessionsDecider, { validateEvent: parseOwnerSessionsEvent });
const at = '2026-01-02T00:00:00.000Z';
const open = (familyId: string): OwnerSessionsCommand => ({ type: 'OpenOwnerSession', data: { familyId, at } });
const opened = (familyId: string): OwnerSessionsEvent => ({ type: 'OwnerSessionOpened', data: { familyId, openedAt: at } });
const close = (familyId: string): OwnerSessionsCommand => ({ type: 'CloseOwnerSession', data: { familyId, at } });
const closed = (familyId: string): OwnerSessionsEvent => ({ type: 'OwnerSessionClosed', data: { familyId, closedAt: at } });
const everywhere: OwnerSessionsCommand = { type: 'RevokeOwnerSessionsEverywhere', data: { at } };
const revokedEverywhere = (...familyIds: string[]): OwnerSessionsEvent => ({ type: 'OwnerSessionsRevokedEverywhere', data: { familyIds, at } });

describe("an owner's open sessions", () => {
  it('opens each family once, on the owner stream', () => {
    given([]).when(open('f1')).then([opened('f1')]);
    given([opened('f1')]).when(open('f1')).then([]);
    expect(ownerSessionsStreamId('123456789')).toBe('owner-sessions-123456789');
  });

  it('log out everywhere lists exactly the open families, in the order they were opened', () => {
    given([opened('f1'), opened('f2'), opened('f3'), closed('f2')]).when(everywhere).then([revokedEverywhere('f1', 'f3')]);
  });

  it('after log out everywhere nothing is open; a later login is the only one listed next time', () => {
    given([opened('f1'), opened('f2'), revokedEverywhere('f1', 'f2')]).when(everywhere).then([]);
    given([opened('f1'), revokedEverywhere('f1'), opened('f4')]).when(everywhere).then([revokedEverywhere('f4')]);
  });

  it('with nothing open, log out everywhere appends nothing', () => given([]).when(everywhere).then([]));

  it('closes an open family once; a closed or revoked family is never reopened', () => {
    given([opened('f1')]).when(close('f1')).then([closed('f1')]);
    given([opened('f1'), closed('f1')]).when(close('f1')).then([]);
    given([]).when(close('f1')).then([]);
    given([opened('f1'), closed('f1')]).when(open('f1')).then([]);
    given([opened('f1'), revokedEverywhere('f1')]).when(open('f1')).then([]);
  });
});
