import { loginLinkDecider, PayGateError, type EventStore } from '@paygate/domain';
import { onLoginLink } from './session-streams.ts';
import { issueToken, readToken } from './session-token.ts';

export type LoginLinkDeps = { eventStore: EventStore; clock: () => Date; loginLinkTtlMs: number };

/** A one-time link token for the owner (LoginLinkIssued holds its hash only). */
export const issueLink = async (deps: LoginLinkDeps, ownerId: string): Promise<{ token: string; expiresAt: string }> => {
  const at = deps.clock();
  const issued = issueToken();
  const expiresAt = new Date(at.getTime() + deps.loginLinkTtlMs).toISOString();
  const data = { linkId: issued.id, ownerId, tokenHash: issued.hash, expiresAt, issuedAt: at.toISOString() };
  await onLoginLink(deps.eventStore, issued.id, (state) => loginLinkDecider.decide({ type: 'IssueLoginLink', data }, state));
  return { token: issued.token, expiresAt };
};

/**
 * Redeems the link once, before it expires (LoginLinkRedeemed); the caller then starts a
 * `bot_link` session for the owner. Two redemptions at once race on the stream's revision and
 * the loser is refused. Unknown, wrong, used, expired or malformed: unauthorized.
 */
export const redeemLink = async (deps: LoginLinkDeps, token: string): Promise<{ ownerId: string }> => {
  const presented = readToken(token);
  if (!presented) throw new PayGateError('unauthorized', 'the login link is not valid', { reason: 'malformed' });
  const at = deps.clock().toISOString();
  let ownerId: string | undefined;
  await onLoginLink(deps.eventStore, presented.id, (state) => {
    const events = loginLinkDecider.decide({ type: 'RedeemLoginLink', data: { linkId: presented.id, presentedHash: presented.hash, at } }, state);
    if (state.status !== 'none') ownerId = state.ownerId;
    return events;
  });
  if (ownerId === undefined) throw new PayGateError('unauthorized', 'the login link is not valid', { reason: 'unknown' });
  return { ownerId };
};
