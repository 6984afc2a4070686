import * as v from 'valibot';
import type { Decider, DomainCommand } from '../decider/decider.ts';
import { IdSchema, TimestampSchema } from '../decider/common-schemas.ts';
import { createEventParser, parseWithSchema } from '../decider/event-schema.ts';

/**
 * One stream per owner listing their open session families, so "log out everywhere" knows what
 * to revoke without scanning every session stream. The caller opens a family here after
 * SessionStarted, closes it after a family's own revocation, and revokes each family that
 * OwnerSessionsRevokedEverywhere lists (EndSession is idempotent, so a retry is harmless).
 */
export const ownerSessionsStreamId = (ownerId: string): string => `owner-sessions-${ownerId}`;

export const OwnerSessionOpenedSchema = v.object({
  type: v.literal('OwnerSessionOpened'),
  data: v.object({ familyId: IdSchema, openedAt: TimestampSchema }),
});
/** One family ended on its own (logout, reuse detected, expiry); it is no longer listed as open. */
export const OwnerSessionClosedSchema = v.object({
  type: v.literal('OwnerSessionClosed'),
  data: v.object({ familyId: IdSchema, closedAt: TimestampSchema }),
});
export const OwnerSessionsRevokedEverywhereSchema = v.object({
  type: v.literal('OwnerSessionsRevokedEverywhere'),
  data: v.object({ familyIds: v.pipe(v.array(IdSchema), v.minLength(1)), at: TimestampSchema }),
});
export const OwnerSessionsEventSchema = v.variant('type', [OwnerSessionOpenedSchema, OwnerSessionClosedSchema, OwnerSessionsRevokedEverywhereSchema]);
export type OwnerSessionsEvent = v.InferOutput<typeof OwnerSessionsEventSchema>;
export const parseOwnerSessionsEvent = createEventParser(OwnerSessionsEventSchema, 'owner sessions');

export type OpenOwnerSession = DomainCommand<'OpenOwnerSession', { familyId: string; at: string }>;
export type CloseOwnerSession = DomainCommand<'CloseOwnerSession', { familyId: string; at: string }>;
export type RevokeOwnerSessionsEverywhere = DomainCommand<'RevokeOwnerSessionsEverywhere', { at: string }>;
export type OwnerSessionsCommand = OpenOwnerSession | CloseOwnerSession | RevokeOwnerSessionsEverywhere;

export type OwnerSessionsState = {
  /** Open families in the order they were opened. */
  readonly open: readonly string[];
  /** Every family ever listed: a closed one is never reopened (a family id is used once). */
  readonly seen: ReadonlySet<string>;
};

export const initialOwnerSessionsState: OwnerSessionsState = { open: [], seen: new Set() };

const evolve = (state: OwnerSessionsState, event: OwnerSessionsEvent): OwnerSessionsState => {
  switch (event.type) {
    case 'OwnerSessionOpened':
      return { open: [...state.open, event.data.familyId], seen: new Set([...state.seen, event.data.familyId]) };
    case 'OwnerSessionClosed':
      return { ...state, open: state.open.filter((id) => id !== event.data.familyId) };
    case 'OwnerSessionsRevokedEverywhere': {
      const revoked = new Set(event.data.familyIds);
      return { ...state, open: state.open.filter((id) => !revoked.has(id)) };
    }
    default:
      return state;
  }
};

const decide = (command: OwnerSessionsCommand, state: OwnerSessionsState): OwnerSessionsEvent[] => {
  switch (command.type) {
    case 'OpenOwnerSession': {
      const { familyId, at } = command.data;
      if (state.seen.has(familyId)) return [];
      return [parseWithSchema(OwnerSessionOpenedSchema, { type: 'OwnerSessionOpened', data: { familyId, openedAt: at } }, 'OwnerSessionOpened')];
    }
    case 'CloseOwnerSession': {
      const { familyId, at } = command.data;
      if (!state.open.includes(familyId)) return [];
      return [parseWithSchema(OwnerSessionClosedSchema, { type: 'OwnerSessionClosed', data: { familyId, closedAt: at } }, 'OwnerSessionClosed')];
    }
    case 'RevokeOwnerSessionsEverywhere': {
      if (state.open.length === 0) return [];
      const data = { familyIds: [...state.open], at: command.data.at };
      return [parseWithSchema(OwnerSessionsRevokedEverywhereSchema, { type: 'OwnerSessionsRevokedEverywhere', data }, 'OwnerSessionsRevokedEverywhere')];
    }
  }
};

export const ownerSessionsDecider: Decider<OwnerSessionsCommand, OwnerSessionsEvent, OwnerSessionsState> = {
  initialState: initialOwnerSessionsState,
  evolve,
  decide,
};
