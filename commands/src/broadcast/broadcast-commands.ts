import {
  broadcastDecider,
  broadcastOptOutStreamId,
  broadcastsStreamId,
  optOutDecider,
  parseBroadcastEvent,
  parseOptOutEvent,
  PayGateError,
  type BroadcastAudience,
  type BroadcastCommand,
  type BroadcastEvent,
  type BroadcastSchedule,
  type BroadcastsState,
  type EventStore,
  type OptOutEvent,
  type OptOutState,
} from '@paygate/domain';
import { handleCommand, type CommandResult } from '../command-handler/index.ts';
import { deterministicId } from '../ids/index.ts';
import type { LoadBroadcastChannel } from './broadcast-ports.ts';
import { broadcastChannelFromStream } from './load-broadcast-channel.ts';

export const DEFAULT_SEND_NOW_COOLDOWN_SECONDS = 3600;

export type BroadcastCommandDeps = {
  eventStore: EventStore;
  clock: () => Date;
  /** Least time between two send-now broadcasts of a channel (default 1 h). */
  sendNowCooldownSeconds?: number;
  /** The channel's owner of record; default: read from the channel stream. */
  loadChannel?: LoadBroadcastChannel;
};

type Owner = { channelId: string; requestedBy: string };

export type BroadcastCommands = {
  linkPublicChannel(input: Owner & { publicChatId: string; title: string; username?: string }): Promise<CommandResult<BroadcastEvent>>;
  unlinkPublicChannel(input: Owner): Promise<CommandResult<BroadcastEvent>>;
  draftBroadcast(
    input: Owner & { broadcastId: string; audience: BroadcastAudience; html: string; photo?: string; tierButtons: boolean },
  ): Promise<CommandResult<BroadcastEvent>>;
  /** A one-off (send-now or once) inside the cooldown of another: PayGateError('rate_limited') with `details.retryAfterSeconds` and `details.earliestAt`. */
  scheduleBroadcast(input: Owner & { broadcastId: string; schedule: BroadcastSchedule }): Promise<CommandResult<BroadcastEvent>>;
  cancelBroadcast(input: Owner & { broadcastId: string }): Promise<CommandResult<BroadcastEvent>>;
  setBroadcastOptOut(input: { channelId: string; subscriberId: string; optedOut: boolean }): Promise<CommandResult<OptOutEvent>>;
  /** The scheduler's: the occurrence due at `occurrence` starts (idempotent). */
  startOccurrence(input: { channelId: string; broadcastId: string; occurrence: string; recipients: number }): Promise<CommandResult<BroadcastEvent>>;
  /** The scheduler's: the occurrence ends; a recurrence gets its next time. */
  completeOccurrence(input: {
    channelId: string;
    broadcastId: string;
    occurrence: string;
    sent: number;
    failed: number;
    blocked: number;
  }): Promise<CommandResult<BroadcastEvent>>;
  /** The channel's broadcast plan, read from its stream. */
  loadBroadcasts(channelId: string): Promise<BroadcastsState>;
};

const evolve = (state: BroadcastsState, event: BroadcastEvent) => broadcastDecider.evolve(state, parseBroadcastEvent(event));

/** Owner and scheduler commands on `broadcasts-<channelId>` and the subscribers' opt-outs; the rules are the broadcast deciders'. */
export const createBroadcastCommands = (deps: BroadcastCommandDeps): BroadcastCommands => {
  const { eventStore, clock } = deps;
  const cooldown = deps.sendNowCooldownSeconds ?? DEFAULT_SEND_NOW_COOLDOWN_SECONDS;
  const loadChannel = deps.loadChannel ?? broadcastChannelFromStream(eventStore);
  const at = () => clock().toISOString();

  const run = (channelId: string, command: BroadcastCommand, eventId?: (event: BroadcastEvent) => string) =>
    handleCommand<BroadcastsState, BroadcastEvent>({
      eventStore,
      streamId: broadcastsStreamId(channelId),
      initialState: () => broadcastDecider.initialState,
      evolve,
      decide: (state) => broadcastDecider.decide(command, state),
      ...(eventId === undefined ? {} : { eventId }),
    });

  const ownerOf = async (channelId: string): Promise<string> => {
    const channel = await loadChannel(channelId);
    if (!channel) throw new PayGateError('not_found', `channel ${channelId} is not registered`, { channelId });
    return channel.ownerId;
  };
  const byOwner = async <Input extends Owner>(input: Input) => ({ ...input, ownerId: await ownerOf(input.channelId), at: at() });

  return {
    linkPublicChannel: async (input) => run(input.channelId, { type: 'LinkPublicChannel', data: await byOwner(input) }),
    unlinkPublicChannel: async (input) => run(input.channelId, { type: 'UnlinkPublicChannel', data: await byOwner(input) }),
    draftBroadcast: async (input) => run(input.channelId, { type: 'DraftBroadcast', data: await byOwner(input) }),
    scheduleBroadcast: async (input) =>
      run(input.channelId, { type: 'ScheduleBroadcast', data: { ...(await byOwner(input)), sendNowCooldownSeconds: cooldown } }),
    cancelBroadcast: async (input) => run(input.channelId, { type: 'CancelBroadcast', data: await byOwner(input) }),
    startOccurrence: (input) =>
      run(input.channelId, { type: 'StartBroadcastOccurrence', data: { ...input, at: at() } }, () =>
        deterministicId('BroadcastOccurrenceStarted', input.broadcastId, input.occurrence),
      ),
    completeOccurrence: (input) =>
      run(input.channelId, { type: 'CompleteBroadcastOccurrence', data: { ...input, at: at() } }, () =>
        deterministicId('BroadcastOccurrenceCompleted', input.broadcastId, input.occurrence),
      ),
    setBroadcastOptOut: ({ channelId, subscriberId, optedOut }) =>
      handleCommand<OptOutState, OptOutEvent>({
        eventStore,
        streamId: broadcastOptOutStreamId(channelId, subscriberId),
        initialState: () => optOutDecider.initialState,
        evolve: (state, event) => optOutDecider.evolve(state, parseOptOutEvent(event)),
        decide: (state) => optOutDecider.decide({ type: 'SetBroadcastOptOut', data: { channelId, subscriberId, optedOut, at: at() } }, state),
      }),
    loadBroadcasts: async (channelId) => {
      const recorded = await eventStore.readStream(broadcastsStreamId(channelId));
      return recorded.reduce((state, event) => evolve(state, { type: event.type, data: event.data } as BroadcastEvent), broadcastDecider.initialState);
    },
  };
};
