import { describe, expect, it } from 'vitest';
import { isPayGateError, type PayGateError } from '@paygate/domain';
import { createInMemoryEventStore, testClock } from '@paygate/testkit';
import { createSessionService } from './session-service.ts';

// The session service over the in-memory event store: what each call appends, and what it refuses.

const OWNER = '123456789';
const OTHER = '987654321';

const setup = (options: { refreshTtlSeconds?: number } = {}) => {
  const eventStore = createInMemoryEventStore();
  const clock = testClock('2026-03-01T10:00:00.000Z');
  const sessions = createSessionService({ eventStore, clock, ...options });
  const types = async (streamId: string) => (await eventStore.readStream(streamId)).map((event) => event.type);
  const all = () => eventStore.readAll();
  return { eventStore, clock, sessions, types, all };
};

const refusal = async (promise: Promise<unknown>): Promise<PayGateError> => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isPayGateError(error)) throw new Error(`expected a PayGateError, got ${String(error)}`);
  return error;
};

describe('session service: refresh-token rotation', () => {
  it('login, refresh rotates; reusing the spent token revokes the family, and then the new token is refused too', async () => {
    const { sessions, types, eventStore } = setup();
    const login = await sessions.startSession({ ownerId: OWNER, role: 'owner', method: 'telegram_widget' });
    expect(login).toMatchObject({ ownerId: OWNER, role: 'owner', refreshExpiresAt: '2026-03-31T10:00:00.000Z' });
    expect(login.refreshToken.startsWith(`${login.familyId}.`)).toBe(true);

    const rotated = await sessions.refresh(login.refreshToken);
    expect(rotated).toMatchObject({ familyId: login.familyId, ownerId: OWNER, role: 'owner' });
    expect(rotated.refreshToken).not.toBe(login.refreshToken);
    expect(await sessions.isSessionActive(login.familyId)).toBe(true);

    expect(await refusal(sessions.refresh(login.refreshToken))).toMatchObject({ kind: 'unauthorized', details: { reason: 'reuse_detected' } });
    expect(await refusal(sessions.refresh(rotated.refreshToken))).toMatchObject({ kind: 'unauthorized', message: 'the refresh token is not valid' });
    expect(await types(`session-${login.familyId}`)).toEqual(['SessionStarted', 'RefreshTokenRotated', 'SessionRevoked']);
    expect((await eventStore.readStream(`session-${login.familyId}`))[2]!.data).toMatchObject({ reason: 'reuse_detected' });
    // The owner's list knows the family is gone, so "log out everywhere" does not count it.
    expect(await types(`owner-sessions-${OWNER}`)).toEqual(['OwnerSessionOpened', 'OwnerSessionClosed']);
    expect(await sessions.isSessionActive(login.familyId)).toBe(false);
  });

  it('a refresh token presented after its expiry revokes the family as expired', async () => {
    const { sessions, clock, eventStore } = setup({ refreshTtlSeconds: 3600 });
    const login = await sessions.startSession({ ownerId: OWNER, role: 'auditor', method: 'bot_link' });
    clock.advance(3600_000 - 1);
    const rotated = await sessions.refresh(login.refreshToken);
    expect(rotated.refreshExpiresAt).toBe('2026-03-01T11:59:59.999Z');
    clock.advance(3600_000);
    expect(await sessions.isSessionActive(login.familyId)).toBe(false);
    expect(await refusal(sessions.refresh(rotated.refreshToken))).toMatchObject({ kind: 'unauthorized', details: { reason: 'expired' } });
    expect((await eventStore.readStream(`session-${login.familyId}`)).at(-1)).toMatchObject({ type: 'SessionRevoked', data: { reason: 'expired' } });
  });
});

describe('session service: logout', () => {
  it('logout revokes the family; a second logout and an unknown token append nothing', async () => {
    const { sessions, types, all } = setup();
    const login = await sessions.startSession({ ownerId: OWNER, role: 'owner', method: 'telegram_widget' });
    await sessions.logout(login.refreshToken);
    expect(await types(`session-${login.familyId}`)).toEqual(['SessionStarted', 'SessionRevoked']);
    expect(await types(`owner-sessions-${OWNER}`)).toEqual(['OwnerSessionOpened', 'OwnerSessionClosed']);
    expect(await refusal(sessions.refresh(login.refreshToken))).toMatchObject({ kind: 'unauthorized' });
    const before = (await all()).length;
    await sessions.logout(login.refreshToken);
    await sessions.logout(`${login.familyId}.${'A'.repeat(43)}`);
    await sessions.logout('00000000-0000-4000-8000-000000000000.' + 'B'.repeat(43));
    expect((await all()).length).toBe(before);
  });

  it('log out everywhere revokes every open family of the owner, and nobody else’s', async () => {
    const { sessions, types } = setup();
    const first = await sessions.startSession({ ownerId: OWNER, role: 'owner', method: 'telegram_widget' });
    const second = await sessions.startSession({ ownerId: OWNER, role: 'owner', method: 'bot_link' });
    const closed = await sessions.startSession({ ownerId: OWNER, role: 'owner', method: 'bot_link' });
    await sessions.logout(closed.refreshToken);
    const other = await sessions.startSession({ ownerId: OTHER, role: 'owner', method: 'bot_link' });

    expect(await sessions.logoutEverywhere(OWNER)).toEqual({ revoked: 2 });
    for (const login of [first, second]) {
      expect(await sessions.isSessionActive(login.familyId)).toBe(false);
      expect(await refusal(sessions.refresh(login.refreshToken))).toMatchObject({ kind: 'unauthorized' });
      expect(await types(`session-${login.familyId}`)).toEqual(['SessionStarted', 'SessionRevoked']);
    }
    expect(await types(`owner-sessions-${OWNER}`)).toEqual(['OwnerSessionOpened', 'OwnerSessionOpened', 'OwnerSessionOpened', 'OwnerSessionClosed', 'OwnerSessionsRevokedEverywhere']);
    expect(await sessions.isSessionActive(other.familyId)).toBe(true);
    expect(await sessions.logoutEverywhere(OWNER)).toEqual({ revoked: 0 });
    expect(await sessions.logoutEverywhere('555')).toEqual({ revoked: 0 });
  });
});

describe('session service: one-time login links', () => {
  it('a link is redeemed once; a second redemption is refused', async () => {
    const { sessions, types } = setup();
    const link = await sessions.issueLoginLink({ ownerId: OWNER });
    expect(link.expiresAt).toBe('2026-03-01T10:05:00.000Z');
    expect(await sessions.redeemLoginLink(link.token)).toEqual({ ownerId: OWNER });
    expect(await refusal(sessions.redeemLoginLink(link.token))).toMatchObject({ kind: 'unauthorized', message: expect.stringContaining('already used') });
    const linkId = link.token.split('.')[0]!;
    expect(await types(`login-link-${linkId}`)).toEqual(['LoginLinkIssued', 'LoginLinkRedeemed']);
  });

  it('a link expires after five minutes', async () => {
    const { sessions, clock } = setup();
    const link = await sessions.issueLoginLink({ ownerId: OWNER });
    clock.advance(5 * 60_000);
    expect(await refusal(sessions.redeemLoginLink(link.token))).toMatchObject({ kind: 'unauthorized', message: expect.stringContaining('expired') });
    const fresh = await sessions.issueLoginLink({ ownerId: OWNER });
    clock.advance(5 * 60_000 - 1);
    expect(await sessions.redeemLoginLink(fresh.token)).toEqual({ ownerId: OWNER });
  });

  it('another token under the link id is refused and does not burn the link', async () => {
    const { sessions } = setup();
    const link = await sessions.issueLoginLink({ ownerId: OWNER });
    const forged = `${link.token.split('.')[0]}.${'C'.repeat(43)}`;
    expect(await refusal(sessions.redeemLoginLink(forged))).toMatchObject({ kind: 'unauthorized', message: 'the login link is not valid' });
    expect(await sessions.redeemLoginLink(link.token)).toEqual({ ownerId: OWNER });
  });
});

describe('session service: what is refused and what is stored', () => {
  it('malformed and unknown tokens are unauthorized and change nothing', async () => {
    const { sessions, all } = setup();
    const login = await sessions.startSession({ ownerId: OWNER, role: 'owner', method: 'telegram_widget' });
    const before = (await all()).length;
    const malformed = ['', 'x', login.familyId, `${login.familyId}.`, `${login.familyId}.short`, `../${login.refreshToken}`, `${login.refreshToken}x`, `${login.refreshToken}.x`, ` ${login.refreshToken}`, `00000000-0000-4000-8000-000000000000.${'B'.repeat(43)}`];
    for (const token of malformed) {
      expect(await refusal(sessions.refresh(token))).toMatchObject({ kind: 'unauthorized', message: 'the refresh token is not valid' });
      expect(await refusal(sessions.redeemLoginLink(token))).toMatchObject({ kind: 'unauthorized', message: 'the login link is not valid' });
      await sessions.logout(token);
      if (token !== login.familyId) expect(await sessions.isSessionActive(token)).toBe(false);
    }
    expect((await all()).length).toBe(before);
    expect(await sessions.isSessionActive(login.familyId)).toBe(true);
  });

  it('no token secret appears in any event', async () => {
    const { sessions, all } = setup();
    const login = await sessions.startSession({ ownerId: OWNER, role: 'owner', method: 'telegram_widget' });
    const rotated = await sessions.refresh(login.refreshToken);
    await sessions.refresh(login.refreshToken).catch(() => undefined);
    const link = await sessions.issueLoginLink({ ownerId: OWNER });
    await sessions.redeemLoginLink(link.token);
    const second = await sessions.startSession({ ownerId: OWNER, role: 'owner', method: 'bot_link' });
    await sessions.logoutEverywhere(OWNER);
    const stored = JSON.stringify(await all(), (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
    for (const token of [login.refreshToken, rotated.refreshToken, link.token, second.refreshToken]) {
      const secret = token.split('.')[1]!;
      expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(stored).not.toContain(secret);
      expect(stored).not.toContain(token);
    }
    expect(stored).toContain(login.familyId);
  });

  it('an owner id that is not a Telegram user id, and lifetimes out of range, are validation errors', async () => {
    const { sessions, all, eventStore } = setup();
    expect(await refusal(sessions.startSession({ ownerId: 'owner-1', role: 'owner', method: 'bot_link' }))).toMatchObject({ kind: 'validation' });
    expect(await refusal(sessions.issueLoginLink({ ownerId: '0' }))).toMatchObject({ kind: 'validation' });
    expect(await refusal(sessions.logoutEverywhere('x-1'))).toMatchObject({ kind: 'validation' });
    expect(await all()).toEqual([]);
    expect(() => createSessionService({ eventStore, clock: () => new Date(), loginLinkTtlSeconds: 16 * 60 })).toThrow(/loginLinkTtlSeconds/);
    expect(() => createSessionService({ eventStore, clock: () => new Date(), refreshTtlSeconds: 0 })).toThrow(/refreshTtlSeconds/);
  });
});
