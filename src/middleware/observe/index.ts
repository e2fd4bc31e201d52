import type { MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import { REQUEST_ID } from "../../grpc/metadata.js";
import type { Logger } from "../../logger.js";
import type { Metrics } from "../../metrics/create-metrics.js";
import { type AnswerSummary, logAccess } from "../access-log/index.js";
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
  /**
   * Where the request's metrics and log line are recorded: inline by default; the Node server passes a
   * queue that runs after the response is written (runtime/after-io.ts), off the request's latency.
   */
  readonly defer?: (task: () => void) => void;
}

const inline = (task: () => void) => task();

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
  const { logger, metrics, defer = inline } = deps;
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
      const ms = performance.now() - started;
      // What the line says is taken now: a streamed import or an abandoned handler may call upstream
      // again before a deferred task runs. An unmatched path reports the catch-all pattern, so probes of
      // random URLs share one series.
      const upstream = state.upstream;
      const line: AnswerSummary = {
        method: c.req.method,
        route: routePath(c),
        status: res.status,
        durationMs: ms,
        requestId: id,
        upstream: upstream && { grpcCode: upstream.grpcCode, upstreamMs: upstream.upstreamMs },
      };
      defer(() => {
        metrics.httpRequest(line.route, line.method, line.status, ms / 1000);
        logAccess(logger, line);
      });
    }
  };
}
