import type { EventStore, GlobalPosition } from '@paygate/domain';
import type { AnyKysely, Projection } from './projection.ts';
import { createProgressReporter } from './replay-progress.ts';
import { verifyReplay, type VerifyResult } from './replay-verify.ts';
import { startShadowReplay } from './replay.ts';

/** The log's last event when the replay starts, and how many events it holds (for the ETA), where the store can tell. */
export type LogHead = { position: GlobalPosition | undefined; events?: number };

export type ReplayRunOptions = {
  db: AnyKysely;
  eventStore: EventStore;
  projections: readonly Projection[];
  liveSchema: string;
  shadowSchema: string;
  /** Fixed at the start; without it the replay runs to the end of `$all` as it finds it. */
  head?: LogHead;
  verify: boolean;
  /** Keep the shadow schema after a clean verify (it is always kept without --verify or on differences). */
  keep?: boolean;
  waitMs?: number;
  pageSize?: number;
  /** Progress lines (events/s, ETA). */
  progress?(line: string): void;
};

export type ReplayRunResult = {
  events: number;
  position: GlobalPosition | undefined;
  elapsedMs: number;
  /** The shadow schema when left in place for inspection. */
  keptSchema: string | undefined;
  verify?: VerifyResult;
};

/**
 * `paygate replay`: every chosen read model from event 0 into the shadow schema, up to the head
 * taken at the start, then (with `verify`) compared with the live read models at one position.
 */
export const runReplay = async (options: ReplayRunOptions): Promise<ReplayRunResult> => {
  const { db, eventStore, projections, liveSchema, shadowSchema, head, verify, keep = false, waitMs = 60_000, pageSize } = options;
  const started = performance.now();
  const report = options.progress ? createProgressReporter(options.progress, head?.events) : undefined;
  const replay = await startShadowReplay({
    db,
    eventStore,
    projections,
    schema: shadowSchema,
    ...(pageSize === undefined ? {} : { pageSize }),
    ...(report ? { onProgress: ({ events }) => report(events) } : {}),
  });
  // An empty log at the start: nothing to replay, but still a shadow to compare (empty tables).
  if (!head || head.position) await replay.advanceTo(head?.position);
  report?.(replay.events(), true);
  const events = replay.events();
  const position = replay.position();
  const elapsedMs = performance.now() - started;
  if (!verify) return { events, position, elapsedMs, keptSchema: shadowSchema };
  const result = await verifyReplay({ db, replay, projections, liveSchema, waitMs });
  const clean = result.compared && result.differences.length === 0;
  if (clean && !keep) await replay.drop();
  return { events, position, elapsedMs, keptSchema: clean && !keep ? undefined : shadowSchema, verify: result };
};
