import { comparePosition, type Anchor } from './anchors.ts';
import type { ChainRow } from './event-content.ts';
import { eventText, positionText, type ChainProblem } from './problems.ts';

export type AnchorCheck = {
  /** After the verifier took `row` into the chain, with `chain` the chain hash there. */
  atRow(row: ChainRow, chain: Buffer): ChainProblem[];
  /** At the end of the log: anchors past its last event. */
  atEnd(last: ChainRow | undefined): ChainProblem[];
  checked(): number;
};

const mismatch = (anchor: Anchor, what: string, since: Anchor | undefined): ChainProblem => ({
  kind: 'anchor-mismatch',
  message:
    `anchor mismatch at position ${positionText(anchor.position)} (anchor taken ${anchor.at}): ${what}; ` +
    `an event ${since ? `after position ${positionText(since.position)} (the last anchor that matches) and ` : ''}at or before it was changed, removed or inserted, and the hashes after it recomputed`,
  position: anchor.position,
});

/** Checks the log against anchors taken earlier, in one pass, as the verifier goes. */
export const createAnchorCheck = (anchors: readonly Anchor[]): AnchorCheck => {
  const sorted = [...anchors].sort((a, b) => comparePosition(a.position, b.position));
  let next = 0;
  let matched: Anchor | undefined;
  const missing = (anchor: Anchor, where: string) => mismatch(anchor, `the anchored position is no longer in the log (${where})`, matched);

  return {
    atRow(row, chain) {
      const problems: ChainProblem[] = [];
      while (next < sorted.length && comparePosition(sorted[next]!.position, row.position) < 0) problems.push(missing(sorted[next++]!, `the log goes on at ${eventText(row)}`));
      while (next < sorted.length && comparePosition(sorted[next]!.position, row.position) === 0) {
        const anchor = sorted[next++]!;
        const found = chain.toString('hex');
        if (found === anchor.chainHash) matched = anchor;
        else problems.push(mismatch(anchor, `the chain there is now ${found}, the anchor says ${anchor.chainHash}`, matched));
      }
      return problems;
    },
    atEnd(last) {
      const where = last ? `the log ends at ${eventText(last)}` : 'the log is empty';
      const rest = sorted.slice(next);
      next = sorted.length;
      return rest.map((anchor) => missing(anchor, where));
    },
    checked: () => next,
  };
};
