import type { ApiKeySpec } from "../auth/api-keys.js";
import type { ParsedHeaders } from "../grpc/metadata.js";

/** What the upstream hop of one request did: the last call's gRPC code and the summed call time. */
export interface UpstreamStats {
  calls: number;
  grpcCode?: string;
  upstreamMs: number;
}

/**
 * What the gateway's layers learn about one inbound request, in one record: its id (observe), its
 * deadline (limits), the key that authenticated it (auth), its upstream calls (gateway.ts, for
 * the access log), and the JSON answer that already carries the headers every answer gets.
 * One record rather than a WeakMap per layer: every WeakMap entry is an ephemeron the garbage collector
 * must trace, and in `npm run bench` four of them per request were measurable.
 */
export interface RequestState {
  id?: string;
  /** When the request must be answered (epoch ms). */
  deadline?: number;
  principal?: ApiKeySpec;
  upstream?: UpstreamStats;
  /** Security headers for this request's answers (set by observe; see http/json-answer.ts). */
  answerHeaders?: Readonly<Record<string, string>>;
  /** A Response that already carries answerHeaders and the request id (observe leaves it as it is). */
  answered?: Response;
  /** The headers as the runtime parsed them, when it has them at no cost (Node): see grpc/metadata.ts. */
  parsedHeaders?: ParsedHeaders;
  /**
   * The runtime's own reader of a body of declared length into one fresh buffer, when it has a cheaper
   * one than Request.arrayBuffer() (Node: runtime/node-body.ts); used for large bodies (http/read-body.ts).
   * Undefined when it cannot read this body, which Request.arrayBuffer() then reads.
   */
  readBody?: (length: number) => Promise<Uint8Array> | undefined;
}

const states = new WeakMap<Request, RequestState>();

/** The request's state, created on first use (a layer may run without the ones before it, as in tests). */
export function stateOf(request: Request): RequestState {
  let state = states.get(request);
  if (!state) {
    state = {};
    states.set(request, state);
  }
  return state;
}

/** The request's state if any layer has recorded something, without creating one. */
export function peekState(request: Request): RequestState | undefined {
  return states.get(request);
}
