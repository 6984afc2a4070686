/**
 * The decider pattern: every business rule is a pure function of (command, state). The command
 * handler loads a stream, folds it with `evolve` from `initialState`, calls `decide` and appends
 * what it returns. No I/O here, so every rule is tested with plain data.
 */

/** An event as plain data; its `data` must survive JSON (no bigint, no Date, no undefined). */
export type DomainEvent<Type extends string = string, Data = unknown> = { type: Type; data: Data };

/** A command as plain data; it may carry domain values (Money with bigint) since it never leaves the process. */
export type DomainCommand<Type extends string = string, Data = unknown> = { type: Type; data: Data };

export type Decider<Command, Event, State> = {
  /** The events the command causes; `[]` when it changes nothing (idempotent repeat). Throws a PayGateError on a rule violation. */
  decide(command: Command, state: State): Event[];
  /** Folds one recorded event into the state. Must ignore event types it does not know. */
  evolve(state: State, event: Event): State;
  initialState: State;
};

/** The state after `events`, as a command handler would see it. */
export const foldEvents = <Command, Event, State>(
  decider: Decider<Command, Event, State>,
  events: readonly Event[],
): State => events.reduce((state, event) => decider.evolve(state, event), decider.initialState);
