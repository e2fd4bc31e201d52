import type { Logger } from "../../logger.js";
import { stateOf } from "../request-state.js";

/** Called by the gateway after every upstream call. */
export function recordUpstream(request: Request, grpcCode: string, ms: number): void {
  const state = stateOf(request);
  state.upstream ??= { calls: 0, upstreamMs: 0 };
  const s = state.upstream;
  s.calls++;
  s.grpcCode = grpcCode;
  s.upstreamMs += ms;
}

/** What the access log says of a request, as it stood when the request was answered. */
export interface AnswerSummary {
  readonly method: string;
  /** The route pattern, not the raw path: ids and collection names do not explode log cardinality. */
  readonly route: string;
  readonly status: number;
  readonly durationMs: number;
  readonly requestId?: string;
  /** The last upstream call's gRPC code and the summed upstream time, if any call had ended by then. */
  readonly upstream?: { readonly grpcCode?: string; readonly upstreamMs: number };
}

/**
 * One JSON log line per request: method, route pattern, status, duration, upstream code and time,
 * request id. Never bodies, query strings or headers, so no secret can reach the log. Called by the
 * observe middleware, possibly a little after the answer (runtime/after-io.ts), with what it had then.
 */
export function logAccess(logger: Logger, answer: AnswerSummary): void {
  const { upstream } = answer;
  logger.info("request", {
    method: answer.method,
    route: answer.route,
    status: answer.status,
    durationMs: Math.round(answer.durationMs * 100) / 100,
    requestId: answer.requestId,
    ...(upstream && {
      grpcCode: upstream.grpcCode,
      upstreamMs: Math.round(upstream.upstreamMs * 100) / 100,
    }),
  });
}
