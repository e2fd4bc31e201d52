import type { Logger } from "../../logger.js";
import { type RequestState, stateOf } from "../request-state.js";

/** Called by the gateway after every upstream call. */
export function recordUpstream(request: Request, grpcCode: string, ms: number): void {
  const state = stateOf(request);
  state.upstream ??= { calls: 0, upstreamMs: 0 };
  const s = state.upstream;
  s.calls++;
  s.grpcCode = grpcCode;
  s.upstreamMs += ms;
}

/** What the access log says of a request's answer. */
export interface AnswerSummary {
  readonly method: string;
  /** The route pattern, not the raw path: ids and collection names do not explode log cardinality. */
  readonly route: string;
  readonly status: number;
  readonly durationMs: number;
}

/**
 * One JSON log line per request: method, route pattern, status, duration, upstream code and time,
 * request id. Never bodies, query strings or headers, so no secret can reach the log. Called by the
 * observe middleware.
 */
export function logAccess(logger: Logger, answer: AnswerSummary, state: RequestState | undefined): void {
  const upstream = state?.upstream;
  logger.info("request", {
    method: answer.method,
    route: answer.route,
    status: answer.status,
    durationMs: Math.round(answer.durationMs * 100) / 100,
    requestId: state?.id,
    ...(upstream && {
      grpcCode: upstream.grpcCode,
      upstreamMs: Math.round(upstream.upstreamMs * 100) / 100,
    }),
  });
}
