import { eventContentHash, link, type ChainRow } from './event-content.ts';
import { eventText, problemAt, removedBefore, type ChainProblem } from './problems.ts';
import type { ChainState, RowCheck } from './check-row.ts';

/**
 * What to make of a row that does not link: the problem, and how the verifier goes on. `skip`
 * leaves the row out (it was inserted); `resync` takes its stored hashes as the new starting
 * point, so one change is reported once and the rest of the log is still checked.
 */
export type Verdict = { problem: ChainProblem; action: 'skip' | 'resync' };

const dense = (row: ChainRow): boolean => row.position.commit === row.position.prepare;

/** The next row links to `chain`, as it would if the failing row were not there (or were intact). */
const nextLinksTo = (chain: Buffer, next: ChainRow | undefined): boolean =>
  next !== undefined && link(chain, eventContentHash(next)).equals(next.chainHash);

/**
 * Classifies the first failing row, `check.row`, from the state before it and the row after it
 * (`next`, undefined at the end of the log). The order matters: the narrowest explanation the
 * evidence proves comes first.
 */
export const classify = (state: ChainState, check: RowCheck, next: ChainRow | undefined): Verdict => {
  const { row } = check;
  const previous = state.last;

  // Without it the chain goes on as if it had never been there.
  if (!check.chainOk && nextLinksTo(state.chain, next))
    return { problem: problemAt('inserted', row, 'it was never appended: the next event links to the event before it'), action: 'skip' };
  if (check.positionGap || check.revisionGap) return { problem: removedBefore(row, check.positionGap, check.revisionGap), action: 'resync' };
  if (check.positionOdd)
    return { problem: problemAt('inserted', row, `paygate_append never hands out this position${previous ? ` after ${eventText(previous)}` : ''}`), action: 'skip' };
  if (check.chainOk) {
    // Content and global chain intact: only the stream's chain is off.
    const what = check.revisionBack ? 'its revision is not after its stream\'s previous event' : "its stored stream hash does not link it to its stream's previous event";
    return { problem: problemAt('stream-broken', row, what), action: 'resync' };
  }
  if (!check.streamHashOk) {
    // Neither stored hash matches the content: the content changed after it was hashed.
    const sameStream = previous !== undefined && previous.streamId === row.streamId;
    const caveat = sameStream ? ` (or the event before it, at ${eventText(previous)}, was changed and its hashes recomputed)` : '';
    return { problem: problemAt('altered', row, `its content no longer matches its stored hashes${caveat}`), action: 'resync' };
  }
  // Content intact and linked to its stream, but not to the previous event in $all.
  if (nextLinksTo(check.expectedChain, next))
    return { problem: problemAt('altered', row, 'its stored chain hash was changed'), action: 'resync' };
  if (previous === undefined)
    return { problem: problemAt('removed', row, 'the chain does not start from the beginning: events before it were removed'), action: 'resync' };
  if (dense(previous) && dense(row))
    return {
      problem: problemAt('altered', previous, `it was changed and its hashes recomputed: the next event, at ${eventText(row)}, no longer links to it`),
      action: 'resync',
    };
  return {
    problem: problemAt('chain-broken', row, `it does not link to ${eventText(previous)}: an event between them was removed, or that one was changed and its hashes recomputed`),
    action: 'resync',
  };
};

/**
 * An event that linked and was accepted, `previous`, is revealed as inserted when the one after it
 * links past it, to the chain as it stood before `previous`.
 */
export const previousWasInserted = (chainBeforePrevious: Buffer, check: RowCheck): boolean =>
  !check.chainOk && link(chainBeforePrevious, check.content).equals(check.row.chainHash);
