import type pg from 'pg';
import type { Anchor } from './anchors.ts';
import { createChainVerifier, type ChainReport } from './chain-verifier.ts';
import { withChainSnapshot } from './read-chain.ts';

export type VerifyLogOptions = {
  anchors?: readonly Anchor[];
  /** Emit an anchor every this many events; 0 for none. Default 100,000. */
  anchorEvery?: number;
  onAnchor?: (anchor: Anchor) => void;
  /** Called after each page with the events verified so far. */
  onProgress?: (events: number) => void;
  pageSize?: number;
};

export const DEFAULT_ANCHOR_EVERY = 100_000;

/**
 * `paygate audit verify`: reads the whole PostgreSQL log in `$all` order, in keyset pages within
 * one snapshot, recomputes every hash and checks the log head, every stream row and the anchors
 * given. Reads only; needs SELECT on paygate_events, paygate_streams and paygate_log_head.
 */
export const verifyLog = (pool: pg.Pool, options: VerifyLogOptions = {}): Promise<ChainReport> =>
  withChainSnapshot(pool, async (snapshot) => {
    const pageSize = options.pageSize ?? 5_000;
    const verifier = createChainVerifier({
      head: await snapshot.head(),
      anchors: options.anchors ?? [],
      anchorEvery: options.anchorEvery ?? DEFAULT_ANCHOR_EVERY,
      at: snapshot.at,
      ...(options.onAnchor ? { onAnchor: options.onAnchor } : {}),
    });
    let read = 0;
    // The next page is asked for before this one is hashed, so the server reads while Node hashes.
    for (let next = snapshot.eventsAfter(undefined, pageSize); ; ) {
      const page = await next;
      const more = page.length === pageSize;
      if (more) next = snapshot.eventsAfter(page.at(-1)!.position, pageSize);
      for (const row of page) verifier.push(row);
      read += page.length;
      options.onProgress?.(read);
      if (!more) break;
    }
    for (let after = ''; ; ) {
      const page = await snapshot.streamsAfter(after, pageSize);
      for (const row of page) verifier.stream(row);
      if (page.length < pageSize) break;
      after = page.at(-1)!.streamId;
    }
    return verifier.finish();
  });

/**
 * `paygate audit anchor`: the chain's head now — the last event's position and stored chain hash,
 * checked against the log head — without verifying the log (verify first, or compare later).
 * null for an empty log; headMatches is false when the log head and the last event disagree.
 */
export const currentAnchor = (pool: pg.Pool): Promise<{ anchor: Anchor | null; headMatches: boolean }> =>
  withChainSnapshot(pool, async (snapshot) => {
    const head = await snapshot.head();
    const last = await snapshot.lastEvent();
    if (last === undefined) return { anchor: null, headMatches: head.lastPosition === 0n };
    const headMatches = head.lastPosition === last.position.commit && head.lastHash.equals(last.chainHash);
    return { anchor: { position: last.position, chainHash: last.chainHash.toString('hex'), at: snapshot.at }, headMatches };
  });
