import type { MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import { REQUEST_ID } from "../../grpc/metadata.js";
import type { Logger } from "../../logger.js";
import type { Metrics } from "../../metrics/create-metrics.js";
import { logAccess } from "../access-log/index.js";
import { requestIdFor } from "../request-id/index.js";
import { stateOf } from "../request-state.js";
import {
  addSecurityHeaders,
  type SecurityHeadersOptions,
  securityHeaderSet,
} from "../security-headers/index.js";

export interface ObserveDeps {
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly security?: SecurityHeadersOptions;
}

/**
 * What every request gets, in one layer: its request id (echoed on the response), the security headers,
 * its metrics and its access-log line, under the route pattern (`/v1/collections/:collection/search`, so
 * collection names and ids never become label values or log fields). One layer rather than four: each
 * Hono middleware is an async frame on every request, and in `npm run bench` the stack of them cost
 * more than their work. JSON answers already carry the headers (http/json-answer.ts); any other response
 * gets them here. The latency ends when the handler returns its Response: for a streamed NDJSON import
 * that is when streaming starts, not when it ends.
 */
export function observe(deps: ObserveDeps): MiddlewareHandler {
  const answerHeaders = securityHeaderSet(deps.security);
  return async (c, next) => {
    const started = performance.now();
    const state = stateOf(c.req.raw);
    const id = requestIdFor(c);
    state.id = id;
    state.answerHeaders = answerHeaders;
    try {
      await next();
    } finally {
      const res = c.res;
      if (state.answered !== res) {
        addSecurityHeaders(res.headers, answerHeaders);
        res.headers.set(REQUEST_ID, id);
      }
      // An unmatched path reports the catch-all pattern, so probes of random URLs share one series.
      const route = routePath(c);
      const ms = performance.now() - started;
      deps.metrics.httpRequest(route, c.req.method, res.status, ms / 1000);
      logAccess(deps.logger, c, route, ms);
    }
  };
}
