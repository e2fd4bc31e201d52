import type { Context } from "hono";
import type { Logger } from "../../logger.js";
import { requestIdOf } from "../request-id/index.js";

/** What the upstream hop of one request did: the last call's gRPC code and the summed call time. */
export interface UpstreamStats {
  calls: number;
  grpcCode?: string;
  upstreamMs: number;
}

const stats = new WeakMap<Request, UpstreamStats>();

/** Called by the gateway after every upstream call. */
export function recordUpstream(request: Request, grpcCode: string, ms: number): void {
  const s = stats.get(request) ?? { calls: 0, upstreamMs: 0 };
  s.calls++;
  s.grpcCode = grpcCode;
  s.upstreamMs += ms;
  stats.set(request, s);
}

/**
 * One JSON log line per request: method, route pattern (not the raw path, so ids and collection names
 * do not explode log cardinality), status, duration, upstream code and time, request id. Never bodies,
 * query strings or headers, so no secret can reach the log. Called by the observe middleware.
 */
export function logAccess(logger: Logger, c: Context, route: string, durationMs: number): void {
  const upstream = stats.get(c.req.raw);
  logger.info("request", {
    method: c.req.method,
    route,
    status: c.res.status,
    durationMs: Math.round(durationMs * 100) / 100,
    requestId: requestIdOf(c.req.raw),
    ...(upstream && {
      grpcCode: upstream.grpcCode,
      upstreamMs: Math.round(upstream.upstreamMs * 100) / 100,
    }),
  });
}
