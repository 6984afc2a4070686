import * as v from 'valibot';
import type { Decider, DomainCommand } from '../decider/decider.ts';
import { IdSchema, TelegramUserIdSchema, TimestampSchema } from '../decider/common-schemas.ts';
import { createEventParser, parseWithSchema } from '../decider/event-schema.ts';
import { PayGateError } from '../errors/index.ts';
import { toMs } from '../subscription/subscription-time.ts';
import { TokenHashSchema } from './session-schemas.ts';

/**
 * One stream per one-time login link the bot DMs on `/dashboard`: redeemed at most once, within
 * minutes. Appending with the expected revision makes two concurrent redemptions race, and the
 * loser sees the link redeemed.
 */
export const loginLinkStreamId = (linkId: string): string => `login-link-${linkId}`;

export const LOGIN_LINK_LIFETIME_MS = 5 * 60_000;
/** Longer-lived links would sit in chat history as standing credentials. */
export const LOGIN_LINK_MAX_LIFETIME_MS = 15 * 60_000;

export const LoginLinkIssuedSchema = v.object({
  type: v.literal('LoginLinkIssued'),
  data: v.object({ linkId: IdSchema, ownerId: TelegramUserIdSchema, tokenHash: TokenHashSchema, expiresAt: TimestampSchema, issuedAt: TimestampSchema }),
});
export const LoginLinkRedeemedSchema = v.object({
  type: v.literal('LoginLinkRedeemed'),
  data: v.object({ linkId: IdSchema, redeemedAt: TimestampSchema }),
});
export const LoginLinkEventSchema = v.variant('type', [LoginLinkIssuedSchema, LoginLinkRedeemedSchema]);
export type LoginLinkEvent = v.InferOutput<typeof LoginLinkEventSchema>;
export const parseLoginLinkEvent = createEventParser(LoginLinkEventSchema, 'login link');

export type IssueLoginLink = DomainCommand<'IssueLoginLink', { linkId: string; ownerId: string; tokenHash: string; expiresAt: string; issuedAt: string }>;
export type RedeemLoginLink = DomainCommand<'RedeemLoginLink', { linkId: string; presentedHash: string; at: string }>;
export type LoginLinkCommand = IssueLoginLink | RedeemLoginLink;

export type LoginLinkState =
  | { readonly status: 'none' }
  | { readonly status: 'issued' | 'redeemed'; readonly ownerId: string; readonly tokenHash: string; readonly expiresAt: string };

export const initialLoginLinkState: LoginLinkState = { status: 'none' };

const evolve = (state: LoginLinkState, event: LoginLinkEvent): LoginLinkState => {
  switch (event.type) {
    case 'LoginLinkIssued':
      return { status: 'issued', ownerId: event.data.ownerId, tokenHash: event.data.tokenHash, expiresAt: event.data.expiresAt };
    case 'LoginLinkRedeemed':
      return state.status === 'none' ? state : { ...state, status: 'redeemed' };
    default:
      return state;
  }
};

const refused = (reason: 'unknown' | 'wrong_token' | 'used' | 'expired', message: string) => new PayGateError('unauthorized', message, { reason });

const issue = (command: IssueLoginLink, state: LoginLinkState): LoginLinkEvent[] => {
  const { linkId, tokenHash, expiresAt, issuedAt } = command.data;
  if (state.status !== 'none') {
    if (state.tokenHash === tokenHash) return [];
    throw new PayGateError('conflict', `login link ${linkId} already exists`, { linkId });
  }
  const lifetime = toMs(expiresAt) - toMs(issuedAt);
  if (lifetime <= 0 || lifetime > LOGIN_LINK_MAX_LIFETIME_MS) {
    throw new PayGateError('validation', 'a login link must expire within 15 minutes of being issued', { expiresAt, issuedAt });
  }
  return [parseWithSchema(LoginLinkIssuedSchema, { type: 'LoginLinkIssued', data: { ...command.data } }, 'LoginLinkIssued')];
};

const redeem = (command: RedeemLoginLink, state: LoginLinkState): LoginLinkEvent[] => {
  const { linkId, presentedHash, at } = command.data;
  if (state.status === 'none') throw refused('unknown', 'the login link is not valid');
  // The token is checked first, so only its holder learns whether the link was used or expired.
  // A wrong guess does not burn the link: the token is 256 random bits, and burning would let anyone knowing the id cancel it.
  if (presentedHash !== state.tokenHash) throw refused('wrong_token', 'the login link is not valid');
  if (state.status === 'redeemed') throw refused('used', 'the login link was already used; send /dashboard to the bot for a new one');
  if (toMs(at) >= toMs(state.expiresAt)) throw refused('expired', 'the login link has expired; send /dashboard to the bot for a new one');
  return [parseWithSchema(LoginLinkRedeemedSchema, { type: 'LoginLinkRedeemed', data: { linkId, redeemedAt: at } }, 'LoginLinkRedeemed')];
};

const decide = (command: LoginLinkCommand, state: LoginLinkState): LoginLinkEvent[] =>
  command.type === 'IssueLoginLink' ? issue(command, state) : redeem(command, state);

/** Issues once; redeems once, with the right token, before it expires. The caller then starts a `bot_link` session for the state's owner. */
export const loginLinkDecider: Decider<LoginLinkCommand, LoginLinkEvent, LoginLinkState> = { initialState: initialLoginLinkState, evolve, decide };
