import { createAnchorCheck } from './anchor-check.ts';
import type { Anchor } from './anchors.ts';
import { checkRow, rowIsClean, type ChainState, type RowCheck, type StreamLink } from './check-row.ts';
import { classify, previousWasInserted } from './classify.ts';
import { GENESIS, type ChainRow } from './event-content.ts';
import { eventText, problemAt, type ChainProblem } from './problems.ts';
import { checkStreamRows, type StreamRow } from './stream-rows.ts';

/** paygate_log_head as read in the same snapshot as the events. */
export type LogHead = { lastPosition: bigint; lastHash: Buffer };

export type ChainVerifierOptions = {
  head: LogHead;
  /** Anchors taken earlier, to check the log against. */
  anchors?: readonly Anchor[];
  /** Emit an anchor every this many events (0: none). */
  anchorEvery?: number;
  /** The snapshot's time: the `at` of every anchor this run emits. */
  at: string;
  onAnchor?: (anchor: Anchor) => void;
  /** Problems kept in the report; the rest are only counted. Default 100. */
  maxProblems?: number;
};

export type ChainReport = {
  intact: boolean;
  events: number;
  streams: number;
  /** The anchor at the last event: the head this run verified. null for an empty log. */
  head: Anchor | null;
  anchors: Anchor[];
  anchorsChecked: number;
  /** In log order; the first is the first thing wrong. */
  problems: ChainProblem[];
  /** Problems found beyond `maxProblems`. */
  moreProblems: number;
};

export type ChainVerifier = {
  /** The next event in $all order. */
  push(row: ChainRow): void;
  /** A paygate_streams row, after every event was pushed. */
  stream(row: StreamRow): void;
  finish(): ChainReport;
};

/**
 * Recomputes the chain over `$all`, one event at a time, in memory only as large as the number of
 * streams. At a row that does not link it waits for the next one, classifies the problem
 * (classify.ts), and goes on from that row's stored hashes, so each change is reported once.
 */
export const createChainVerifier = (options: ChainVerifierOptions): ChainVerifier => {
  const { head } = options;
  const anchorEvery = options.anchorEvery ?? 0;
  const maxProblems = options.maxProblems ?? 100;
  const streams = new Map<string, StreamLink>();
  const anchorCheck = createAnchorCheck(options.anchors ?? []);
  const emitted: Anchor[] = [];
  const problems: ChainProblem[] = [];
  let moreProblems = 0;
  let events = 0;
  let chain: Buffer = GENESIS;
  let last: ChainRow | undefined;
  // How to take back the last accepted event, should the next one show it was inserted.
  let undo: { chain: Buffer; last: ChainRow | undefined; stream: StreamLink | undefined } | undefined;
  let pending: RowCheck | undefined;

  const state: ChainState = { get chain() { return chain; }, get last() { return last; }, stream: (id) => streams.get(id) };
  const report = (found: readonly ChainProblem[]) => {
    for (const problem of found) if (problems.length < maxProblems) problems.push(problem); else moreProblems++;
  };
  const anchorAt = (row: ChainRow): Anchor => ({ position: row.position, chainHash: chain.toString('hex'), at: options.at, events });

  /** Takes the row into the chain with its stored hashes (equal to the recomputed ones when clean). */
  const take = (row: ChainRow) => {
    undo = { chain, last, stream: streams.get(row.streamId) };
    chain = row.chainHash;
    last = row;
    streams.set(row.streamId, { revision: row.revision, hash: row.streamHash });
    events++;
    report(anchorCheck.atRow(row, chain));
    if (anchorEvery > 0 && events % anchorEvery === 0) {
      const anchor = anchorAt(row);
      emitted.push(anchor);
      options.onAnchor?.(anchor);
    }
  };

  const takeBack = () => {
    const { chain: before, last: lastBefore, stream } = undo!;
    if (stream) streams.set(last!.streamId, stream);
    else streams.delete(last!.streamId);
    chain = before;
    last = lastBefore;
    events--;
    undo = undefined;
  };

  const settle = (next: ChainRow | undefined) => {
    if (!pending) return;
    const verdict = classify(state, pending, next);
    report([verdict.problem]);
    if (verdict.action === 'resync') take(pending.row);
    pending = undefined;
  };

  const examine = (row: ChainRow) => {
    if (row.position.commit > head.lastPosition) {
      report([problemAt('inserted', row, `it is past the log head's last position ${head.lastPosition}: paygate_append did not write it`)]);
      return;
    }
    const check = checkRow(state, row);
    if (rowIsClean(check)) return take(row);
    if (undo && last && previousWasInserted(undo.chain, check)) {
      report([problemAt('inserted', last, `it was never appended: the next event, at ${eventText(row)}, links past it`)]);
      takeBack();
      return examine(row);
    }
    pending = check;
  };

  const headProblems = (): ChainProblem[] => {
    if (last === undefined) {
      if (head.lastPosition === 0n && head.lastHash.equals(GENESIS)) return [];
      return [{ kind: 'removed', message: `removed event(s): the log is empty but its head says position ${head.lastPosition} was appended`, missingPositions: { from: 1n, to: head.lastPosition } }];
    }
    if (head.lastPosition > last.position.commit) {
      const missing = { from: last.position.commit + 1n, to: head.lastPosition };
      return [{ kind: 'removed', message: `removed event(s): positions ${missing.from}..${missing.to} missing after ${eventText(last)}, the last event in the log (the log head says ${head.lastPosition})`, missingPositions: missing }];
    }
    if (!head.lastHash.equals(chain))
      return [{ kind: 'head-mismatch', message: `log head mismatch: its hash ${head.lastHash.toString('hex')} is not the chain at the last event, ${eventText(last)} (${chain.toString('hex')})`, position: last.position }];
    return [];
  };

  const seenStreams = new Set<string>();
  let ended = false;
  const endEvents = () => {
    if (ended) return;
    ended = true;
    settle(undefined);
    report(anchorCheck.atEnd(last));
    report(headProblems());
  };

  return {
    push(row) {
      settle(row);
      examine(row);
    },
    stream(row) {
      endEvents();
      seenStreams.add(row.streamId);
      report(checkStreamRows(row, streams.get(row.streamId)));
    },
    finish() {
      endEvents();
      for (const [streamId, link] of streams)
        if (!seenStreams.has(streamId))
          report([{ kind: 'stream-broken', message: `stream chain broken: stream ${streamId} has events up to revision ${link.revision} but no stream row`, streamId, revision: link.revision }]);
      return {
        intact: problems.length === 0,
        events,
        streams: streams.size,
        head: last ? anchorAt(last) : null,
        anchors: emitted,
        anchorsChecked: anchorCheck.checked(),
        problems,
        moreProblems,
      };
    },
  };
};
