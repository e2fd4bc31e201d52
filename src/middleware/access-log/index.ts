import type { Context } from "hono";
import type { Logger } from "../../logger.js";
import { peekState, stateOf } from "../request-state.js";

/** Called by the gateway after every upstream call. */
export function recordUpstream(request: Request, grpcCode: string, ms: number): void {
  const state = stateOf(request);
  state.upstream ??= { calls: 0, upstreamMs: 0 };
  const s = state.upstream;
  s.calls++;
  s.grpcCode = grpcCode;
  s.upstreamMs += ms;
}

/**
 * One JSON log line per request: method, route pattern (not the raw path, so ids and collection names
 * do not explode log cardinality), status, duration, upstream code and time, request id. Never bodies,
 * query strings or headers, so no secret can reach the log. Called by the observe middleware.
 */
export function logAccess(logger: Logger, c: Context, route: string, durationMs: number): void {
  const state = peekState(c.req.raw);
  const upstream = state?.upstream;
  logger.info("request", {
    method: c.req.method,
    route,
    status: c.res.status,
    durationMs: Math.round(durationMs * 100) / 100,
    requestId: state?.id,
    ...(upstream && {
      grpcCode: upstream.grpcCode,
      upstreamMs: Math.round(upstream.upstreamMs * 100) / 100,
    }),
  });
}
