import type { Context, MiddlewareHandler } from "hono";
import { ApiError, PROBLEM_TYPES } from "../../errors/api-error.js";
import { principalOf } from "../auth/index.js";
import { clientKey } from "../peer-address.js";
import { createTokenBuckets } from "./token-buckets.js";

export interface RateLimitSettings {
  /** Sustained requests per second per client; 0 turns the limit off. */
  readonly rps: number;
  /** Requests a client may send at once after being idle; 0 means max(1, rps). */
  readonly burst: number;
}

/**
 * A token bucket per gateway key (per client address when requests carry no key). Buckets live in this
 * instance's memory: N instances behind a load balancer allow up to N times the rate. A global limit
 * needs a shared store (or the platform's own limiter: API Gateway usage plans, Cloudflare rules).
 */
export function rateLimit(settings: RateLimitSettings, now: () => number = Date.now): MiddlewareHandler {
  if (settings.rps <= 0) return async (_c, next) => next();
  const buckets = createTokenBuckets({
    rps: settings.rps,
    burst: settings.burst > 0 ? settings.burst : Math.max(1, Math.ceil(settings.rps)),
    now,
  });
  return async (c, next) => {
    if (c.req.path === "/healthz" || c.req.path === "/readyz" || c.req.method === "OPTIONS") return next();
    const waitMs = buckets.take(clientId(c));
    if (waitMs > 0) {
      throw new ApiError({
        status: 429,
        title: "Too many requests",
        detail: `this client is limited to ${settings.rps} requests per second; retry later`,
        type: PROBLEM_TYPES.rateLimited,
        headers: { "retry-after": String(Math.max(1, Math.ceil(waitMs / 1000))) },
      });
    }
    return next();
  };
}

/** Who a bucket belongs to: the key's name, else the address the platform vouches for (peer-address.ts). */
function clientId(c: Context): string {
  const key = principalOf(c.req.raw);
  if (key) return `key:${key.name}`;
  return `ip:${clientKey(c)}`;
}
