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

type StreamDecider<Event, State> = { initialState: State; evolve(state: State, event: Event): State };
type Recorded = { type: string; data: unknown };

/**
 * A session stream through `handleCommand`: read, decide on the folded state, append with the
 * expected revision (a concurrent append makes the loser decide again). Events read back are
 * parsed, so a malformed stored event fails loudly instead of folding into nonsense.
 */
const commandOn =
  <Event extends SessionEvent | OwnerSessionsEvent | LoginLinkEvent, State>(decider: StreamDecider<Event, State>, parse: (event: Recorded) => Event, streamIdOf: (id: string) => string) =>
  (eventStore: EventStore, id: string, decide: (state: State) => Event[]): Promise<CommandResult<Event>> =>
    handleCommand<State, Event>({
      eventStore,
      streamId: streamIdOf(id),
      initialState: () => decider.initialState,
      evolve: (state, event) => decider.evolve(state, parse(event)),
      decide,
    });

/** The stream's state as its events left it (no append). */
const loadOf =
  <Event, State>(decider: StreamDecider<Event, State>, parse: (event: Recorded) => Event, streamIdOf: (id: string) => string) =>
  async (eventStore: EventStore, id: string): Promise<State> =>
    (await eventStore.readStream(streamIdOf(id))).reduce((state, event) => decider.evolve(state, parse(event)), decider.initialState);

export const onFamily = commandOn<SessionEvent, SessionState>(sessionDecider, parseSessionEvent, sessionStreamId);
export const onOwnerSessions = commandOn<OwnerSessionsEvent, OwnerSessionsState>(ownerSessionsDecider, parseOwnerSessionsEvent, ownerSessionsStreamId);
export const onLoginLink = commandOn<LoginLinkEvent, LoginLinkState>(loginLinkDecider, parseLoginLinkEvent, loginLinkStreamId);
export const loadFamily = loadOf<SessionEvent, SessionState>(sessionDecider, parseSessionEvent, sessionStreamId);
export const loadOwnerSessions = loadOf<OwnerSessionsEvent, OwnerSessionsState>(ownerSessionsDecider, parseOwnerSessionsEvent, ownerSessionsStreamId);
