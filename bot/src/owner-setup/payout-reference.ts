/**
 * A payout transaction as the owner is shown it: a link when an explorer template with `{hash}`
 * is configured, else the hash shortened (enough to find it, short enough for a chat line).
 */
export const payoutReference = (hash: string, explorerTxUrl?: string): string =>
  explorerTxUrl?.includes('{hash}') ? explorerTxUrl.replaceAll('{hash}', encodeURIComponent(hash)) : shortHash(hash);

const shortHash = (hash: string): string => (hash.length <= 16 ? hash : `${hash.slice(0, 8)}…${hash.slice(-6)}`);
