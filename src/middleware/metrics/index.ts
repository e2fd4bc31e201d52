import type { MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import type { Metrics } from "../../metrics/create-metrics.js";

/**
 * Counts every request and observes its latency under its route pattern (`/v1/collections/:collection/search`),
 * so collection names and ids never become label values. The latency ends when the handler returns its
 * Response: for a streamed NDJSON import that is when streaming starts, not when it ends.
 */
export function metricsMiddleware(metrics: Metrics): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      // An unmatched path reports the catch-all pattern, so probes of random URLs share one series.
      metrics.httpRequest(routePath(c), c.req.method, c.res.status, (performance.now() - started) / 1000);
    }
  };
}
