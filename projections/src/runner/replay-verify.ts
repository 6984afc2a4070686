import { comparePositions, type GlobalPosition } from '@paygate/domain';
import { readCheckpoint } from './checkpoints.ts';
import type { AnyKysely, Projection } from './projection.ts';
import { compareReadModels, type TableDiff } from './replay-compare.ts';
import type { ShadowReplay } from './replay.ts';

/** A live projection the replay cannot be compared with yet, and why. */
export type LiveBehind = { projection: string; live: GlobalPosition | undefined; needs: GlobalPosition | undefined; reason: string };

export type VerifyResult =
  | { compared: true; differences: TableDiff[]; live: Record<string, GlobalPosition | undefined>; replayPosition: GlobalPosition | undefined }
  | { compared: false; behind: LiveBehind[]; replayPosition: GlobalPosition | undefined };

export type VerifyOptions = {
  db: AnyKysely;
  replay: ShadowReplay;
  projections: readonly Projection[];
  liveSchema: string;
  /** How long to wait for a live projector that is behind the replay. */
  waitMs: number;
  pollMs?: number;
  sampleRows?: number;
};

const later = (a: GlobalPosition | undefined, b: GlobalPosition | undefined) => (!a ? b : !b || comparePositions(a, b) >= 0 ? a : b);
const before = (a: GlobalPosition | undefined, b: GlobalPosition | undefined) => (b ? !a || comparePositions(a, b) < 0 : false);

type Attempt = { extendTo: GlobalPosition; movers: LiveBehind[] } | { behind: LiveBehind[] } | { differences: TableDiff[]; live: Record<string, GlobalPosition | undefined> };

/**
 * Compares the replay with the live read models at one position. Live rows change only together
 * with their checkpoint (one transaction), so one REPEATABLE READ snapshot fixes both. A live
 * projection at L equals the replay at R when no event it handles lies between them: when L is
 * ahead, the replay first applies `$all` up to L (events appended meanwhile); when L is behind the
 * last event it handles that the replay applied, the projector has not caught up yet and we wait
 * (up to `waitMs`), then report it behind instead of reporting differences that are only lag.
 */
export const verifyReplay = async (options: VerifyOptions): Promise<VerifyResult> => {
  const { db, replay, projections, liveSchema, waitMs, pollMs = 200, sampleRows = 3 } = options;
  const deadline = Date.now() + waitMs;
  for (;;) {
    const attempt = await db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx): Promise<Attempt> => {
        const live: Record<string, GlobalPosition | undefined> = {};
        const behind: LiveBehind[] = [];
        let ahead: GlobalPosition | undefined;
        const movers: LiveBehind[] = [];
        for (const projection of projections) {
          const stored = await readCheckpoint(trx, liveSchema, projection.name);
          const needs = replay.lastHandled(projection.name);
          live[projection.name] = stored?.position;
          if (!stored || stored.version !== projection.version) {
            const reason = stored ? `live version ${stored.version} is rebuilding to ${projection.version}` : 'no live checkpoint';
            behind.push({ projection: projection.name, live: stored?.position, needs, reason });
          } else if (before(replay.position(), stored.position)) {
            ahead = later(ahead, stored.position);
            movers.push({ projection: projection.name, live: stored.position, needs, reason: 'live kept moving ahead of the replay' });
          }
          else if (before(stored.position, needs)) behind.push({ projection: projection.name, live: stored.position, needs, reason: 'projector behind' });
        }
        if (ahead) return { extendTo: ahead, movers };
        if (behind.length > 0) return { behind };
        return { differences: await compareReadModels(trx, projections, liveSchema, replay.schema, sampleRows), live };
      });
    if ('differences' in attempt) return { compared: true, ...attempt, replayPosition: replay.position() };
    // Under steady traffic the live side may be ahead at every snapshot (its checkpoints move on
    // events it does not handle too): following it is bounded by the same deadline as waiting.
    if ('extendTo' in attempt && Date.now() >= deadline) return { compared: false, behind: attempt.movers, replayPosition: replay.position() };
    if ('extendTo' in attempt) await replay.advanceTo(attempt.extendTo);
    else if (Date.now() >= deadline) return { compared: false, behind: attempt.behind, replayPosition: replay.position() };
    else await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
};
