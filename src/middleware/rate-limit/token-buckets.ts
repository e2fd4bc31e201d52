export interface TokenBuckets {
  /** Takes one token for `id`: 0 when granted, else milliseconds until a token is available. */
  take(id: string): number;
  /** Like take, without taking: 0 when `id` has a token (or no bucket yet), else milliseconds until it will. */
  peek(id: string): number;
}

/** Above this many clients, buckets that have refilled (idle clients) are forgotten. */
const MAX_BUCKETS = 10_000;

/** Classic token buckets (capacity `burst`, refilled at `rps` per second), refilled lazily on use. */
export function createTokenBuckets(options: { rps: number; burst: number; now: () => number }): TokenBuckets {
  const { rps, burst, now } = options;
  const buckets = new Map<string, { tokens: number; at: number }>();
  const refill = (b: { tokens: number; at: number }, t: number) => {
    b.tokens = Math.min(burst, b.tokens + ((t - b.at) / 1000) * rps);
    b.at = t;
  };
  return {
    take(id) {
      const t = now();
      let b = buckets.get(id);
      if (!b) {
        if (buckets.size >= MAX_BUCKETS) {
          for (const [k, v] of buckets) {
            refill(v, t);
            if (v.tokens >= burst) buckets.delete(k);
          }
        }
        b = { tokens: burst, at: t };
        buckets.set(id, b);
      }
      refill(b, t);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return 0;
      }
      return ((1 - b.tokens) / rps) * 1000;
    },
    peek(id) {
      const b = buckets.get(id);
      if (!b) return 0;
      refill(b, now());
      return b.tokens >= 1 ? 0 : ((1 - b.tokens) / rps) * 1000;
    },
  };
}
