/**
 * How much the sandbox remembers. It is a long-running process in sandbox mode, and any client
 * may create invoices and play payments, so every collection is capped: past the cap the oldest
 * entries are forgotten (like a provider expiring old records), never refused, so a demo that
 * runs for weeks keeps working. A forgotten invoice's page answers 404.
 */
export type SandboxLimits = {
  readonly invoices: number;
  readonly payments: number;
  /** The IPN delivery log (GET /sandbox/ipns, `sentIpns`). */
  readonly sentIpns: number;
};

export const DEFAULT_SANDBOX_LIMITS: SandboxLimits = { invoices: 10_000, payments: 10_000, sentIpns: 10_000 };

/** Drops the oldest entries (Map insertion order) until at most `max` remain. */
export const evictOldest = <K, V>(map: Map<K, V>, max: number): void => {
  for (const key of map.keys()) {
    if (map.size <= max) return;
    map.delete(key);
  }
};

/** Drops the oldest items in place (the array may be shared by reference) until at most `max` remain. */
export const trimOldest = <T>(items: T[], max: number): void => {
  if (items.length > max) items.splice(0, items.length - max);
};
