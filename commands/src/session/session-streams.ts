import {
  loginLinkDecider,
  loginLinkStreamId,
  ownerSessionsDecider,
  ownerSessionsStreamId,
  parseLoginLinkEvent,
  parseOwnerSessionsEvent,
  parseSessionEvent,
  sessionDecider,
  sessionStreamId,
  type EventStore,
  type LoginLinkEvent,
  type LoginLinkState,
  type OwnerSessionsEvent,
  type OwnerSessionsState,
  type SessionEvent,
  type SessionState,
} from '@paygate/domain';
import { handleCommand, type CommandResult } from '../command-handler/index.ts';

/**
 * The three session streams through `handleCommand`: read, decide on the folded state, append
 * with the expected revision (a concurrent append makes the loser decide again). Events read
 * back are parsed, so a malformed stored event fails loudly instead of folding into nonsense.
 */
export const onFamily = (eventStore: EventStore, familyId: string, decide: (state: SessionState) => SessionEvent[]): Promise<CommandResult<SessionEvent>> =>
  handleCommand<SessionState, SessionEvent>({
    eventStore,
    streamId: sessionStreamId(familyId),
    initialState: () => sessionDecider.initialState,
    evolve: (state, event) => sessionDecider.evolve(state, parseSessionEvent(event)),
    decide,
  });

export const onOwnerSessions = (
  eventStore: EventStore,
  ownerId: string,
  decide: (state: OwnerSessionsState) => OwnerSessionsEvent[],
): Promise<CommandResult<OwnerSessionsEvent>> =>
  handleCommand<OwnerSessionsState, OwnerSessionsEvent>({
    eventStore,
    streamId: ownerSessionsStreamId(ownerId),
    initialState: () => ownerSessionsDecider.initialState,
    evolve: (state, event) => ownerSessionsDecider.evolve(state, parseOwnerSessionsEvent(event)),
    decide,
  });

export const onLoginLink = (eventStore: EventStore, linkId: string, decide: (state: LoginLinkState) => LoginLinkEvent[]): Promise<CommandResult<LoginLinkEvent>> =>
  handleCommand<LoginLinkState, LoginLinkEvent>({
    eventStore,
    streamId: loginLinkStreamId(linkId),
    initialState: () => loginLinkDecider.initialState,
    evolve: (state, event) => loginLinkDecider.evolve(state, parseLoginLinkEvent(event)),
    decide,
  });

/** A family's state as its events left it (no append). */
export const loadFamily = async (eventStore: EventStore, familyId: string): Promise<SessionState> =>
  (await eventStore.readStream(sessionStreamId(familyId))).reduce((state, event) => sessionDecider.evolve(state, parseSessionEvent(event)), sessionDecider.initialState);

export const loadOwnerSessions = async (eventStore: EventStore, ownerId: string): Promise<OwnerSessionsState> =>
  (await eventStore.readStream(ownerSessionsStreamId(ownerId))).reduce(
    (state, event) => ownerSessionsDecider.evolve(state, parseOwnerSessionsEvent(event)),
    ownerSessionsDecider.initialState,
  );
