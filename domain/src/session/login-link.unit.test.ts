import { describe, expect, it } from 'vitest';
import { deciderSpec } from '../decider/index.ts';
import { loginLinkDecider, loginLinkStreamId, parseLoginLinkEvent, type LoginLinkCommand, type LoginLinkEvent } from './login-link.ts';
import { hash, minute } from './session-fixtures.ts';

const given = deciderSpec(loginLinkDecider, { validateEvent: parseLoginLinkEvent });
const issuedData = { linkId: 'link-1', ownerId: '123456789', tokenHash: hash(1), expiresAt: minute(5), issuedAt: minute(0) };
const issued: LoginLinkEvent = { type: 'LoginLinkIssued', data: issuedData };
const issue = (overrides: Partial<typeof issuedData> = {}): LoginLinkCommand => ({ type: 'IssueLoginLink', data: { ...issuedData, ...overrides } });
const redeem = (presented: number, at = minute(1)): LoginLinkCommand => ({ type: 'RedeemLoginLink', data: { linkId: 'link-1', presentedHash: hash(presented), at } });
const redeemed = (at = minute(1)): LoginLinkEvent => ({ type: 'LoginLinkRedeemed', data: { linkId: 'link-1', redeemedAt: at } });

describe('one-time login link', () => {
  it('is issued for minutes, on its own stream; a retried issue appends nothing, another token under the id conflicts', () => {
    given([]).when(issue()).then([issued]);
    given([issued]).when(issue()).then([]);
    given([issued]).when(issue({ tokenHash: hash(2) })).thenThrows('conflict');
    expect(loginLinkStreamId('link-1')).toBe('login-link-link-1');
  });

  it('refuses a lifetime over 15 minutes or none at all', () => {
    given([]).when(issue({ expiresAt: minute(16) })).thenThrows('validation', '15 minutes');
    given([]).when(issue({ expiresAt: minute(0) })).thenThrows('validation', '15 minutes');
  });

  it('is redeemed once with the right token before it expires', () => given([issued]).when(redeem(1)).then([redeemed()]));

  it('a second redemption never succeeds, not even at once or with the right token', () => {
    given([issued, redeemed()]).when(redeem(1, minute(2))).thenThrows('unauthorized', 'already used');
    given([issued, redeemed()]).when(redeem(1, minute(1))).thenThrows('unauthorized', 'already used');
  });

  it('an expired link is refused, at its expiry and after', () => {
    given([issued]).when(redeem(1, minute(5))).thenThrows('unauthorized', 'expired');
    given([issued]).when(redeem(1, minute(60))).thenThrows('unauthorized', 'expired');
  });

  it('a wrong token is refused without telling whether the link was used or expired, and does not burn it', () => {
    given([issued]).when(redeem(2)).thenThrows('unauthorized', 'not valid');
    given([issued, redeemed()]).when(redeem(2)).thenThrows('unauthorized', 'not valid');
    given([issued]).when(redeem(2, minute(60))).thenThrows('unauthorized', 'not valid');
    given([]).when(redeem(1)).thenThrows('unauthorized', 'not valid');
  });
});
