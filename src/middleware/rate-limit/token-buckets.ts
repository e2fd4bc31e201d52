export interface TokenBuckets {
  /** Takes one token for `id`: 0 when granted, else milliseconds until a token is available. */
  take(id: string): number;
  /** Like take, without taking: 0 when `id` has a token (or no bucket yet), else milliseconds until it will. */
  peek(id: string): number;
  /** Gives back a token taken for `id` (up to the burst). */
  refund(id: string): void;
}

/**
 * Buckets kept at most. A client rotating addresses creates one per address: past this many, the oldest
 * bucket is dropped (its client starts afresh), so memory and the work per request stay bounded.
 */
export const MAX_BUCKETS = 10_000;

/** Classic token buckets (capacity `burst`, refilled at `rps` per second), refilled lazily on use. */
export function createTokenBuckets(options: { rps: number; burst: number; now: () => number }): TokenBuckets {
  const { rps, burst, now } = options;
  const buckets = new Map<string, { tokens: number; at: number }>();
  const refill = (b: { tokens: number; at: number }, t: number) => {
    b.tokens = Math.min(burst, b.tokens + ((t - b.at) / 1000) * rps);
    b.at = t;
  };
  const wait = (b: { tokens: number }) => (b.tokens >= 1 ? 0 : ((1 - b.tokens) / rps) * 1000);
  return {
    take(id) {
      const t = now();
      let b = buckets.get(id);
      if (!b) {
        // Maps iterate in insertion order: the first key is the oldest bucket.
        if (buckets.size >= MAX_BUCKETS) buckets.delete(buckets.keys().next().value as string);
        b = { tokens: burst, at: t };
        buckets.set(id, b);
      }
      refill(b, t);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return 0;
      }
      return wait(b);
    },
    peek(id) {
      const b = buckets.get(id);
      if (!b) return 0;
      refill(b, now());
      return wait(b);
    },
    refund(id) {
      const b = buckets.get(id);
      if (b) b.tokens = Math.min(burst, b.tokens + 1);
    },
  };
}
