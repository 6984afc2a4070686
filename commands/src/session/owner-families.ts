import { isPayGateError, ownerSessionsDecider, sessionDecider, type EventStore } from '@paygate/domain';
import { loadOwnerSessions, onFamily, onOwnerSessions } from './session-streams.ts';

const iso = (at: Date) => at.toISOString();

/** Lists a new family as open on the owner's stream (`owner-sessions-<ownerId>`). */
export const openOwnerSession = async (eventStore: EventStore, ownerId: string, familyId: string, at: Date): Promise<void> => {
  await onOwnerSessions(eventStore, ownerId, (state) => ownerSessionsDecider.decide({ type: 'OpenOwnerSession', data: { familyId, at: iso(at) } }, state));
};

/** A family that ended on its own (logout, reuse, expiry) is no longer listed as open. */
export const closeOwnerSession = async (eventStore: EventStore, ownerId: string, familyId: string, at: Date): Promise<void> => {
  await onOwnerSessions(eventStore, ownerId, (state) => ownerSessionsDecider.decide({ type: 'CloseOwnerSession', data: { familyId, at: iso(at) } }, state));
};

/** Ends one family as part of "log out everywhere"; true when this call revoked it. */
const endEverywhere = async (eventStore: EventStore, ownerId: string, familyId: string, at: Date): Promise<boolean> => {
  try {
    const { events } = await onFamily(eventStore, familyId, (state) =>
      sessionDecider.decide({ type: 'EndSession', data: { familyId, ownerId, reason: 'logout_everywhere', at: iso(at) } }, state),
    );
    return events.length > 0;
  } catch (error) {
    // Listed, but its start was never appended (see startFamily): nothing to revoke.
    if (isPayGateError(error) && error.kind === 'not_found') return false;
    throw error;
  }
};

/**
 * Revokes every open family of the owner. The families listed now are ended first, then the
 * owner's stream records OwnerSessionsRevokedEverywhere, then any family that event lists beyond
 * them (opened meanwhile) is ended too. A crash halfway leaves them listed open, so a retry
 * finishes the job; ending a family twice appends nothing.
 */
export const revokeEverywhere = async (eventStore: EventStore, ownerId: string, at: Date): Promise<{ revoked: number }> => {
  const before = (await loadOwnerSessions(eventStore, ownerId)).open;
  let revoked = 0;
  for (const familyId of before) if (await endEverywhere(eventStore, ownerId, familyId, at)) revoked += 1;
  const { events } = await onOwnerSessions(eventStore, ownerId, (state) => ownerSessionsDecider.decide({ type: 'RevokeOwnerSessionsEverywhere', data: { at: iso(at) } }, state));
  const listed = events.flatMap((event) => (event.type === 'OwnerSessionsRevokedEverywhere' ? event.data.familyIds : []));
  for (const familyId of listed) if (!before.includes(familyId) && (await endEverywhere(eventStore, ownerId, familyId, at))) revoked += 1;
  return { revoked };
};
