import { callTarget, checkScope, forbidden, UNSCOPED_PATHS } from "./auth/authorize-call.js";
import type { GatewayConfig } from "./config.js";
import type { ApiError } from "./errors/api-error.js";
import { grpcErrorToApiError } from "./errors/grpc-to-http.js";
import { createMetadataPolicy, type MetadataPolicy, REQUEST_ID } from "./grpc/metadata.js";
import { Code, GrpcError } from "./grpc/status.js";
import type { Transport, UnaryMethod } from "./grpc/transport.js";
import type { Logger } from "./logger.js";
import { createMetrics, type Metrics } from "./metrics/create-metrics.js";
import { recordUpstream } from "./middleware/access-log/index.js";
import { principalOf, requiresKey } from "./middleware/auth/index.js";
import { deadlineOf } from "./middleware/limits/index.js";
import { requestIdOf } from "./middleware/request-id/index.js";
import { peekState } from "./middleware/request-state.js";

export interface CallContext {
  /** The inbound request: its headers feed the metadata policy, its signal cancels the call. */
  readonly request: Request;
  /** Overrides the default deadline (batch writes get a longer one). */
  readonly timeoutMs?: number;
}

/**
 * The one upstream call pipeline every route uses: metadata from the allow-list policy, a deadline on
 * every call, the client's disconnect cancelling it, and gRPC failures mapped to HTTP problems.
 */
export interface Gateway {
  readonly config: GatewayConfig;
  readonly logger: Logger;
  /** The app's Prometheus metrics: upstream calls are recorded here, batch writers add object outcomes. */
  readonly metrics: Metrics;
  call<I, O>(method: UnaryMethod<I, O>, request: I, ctx: CallContext): Promise<O>;
  /** Like call, but rejects with the raw GrpcError (for callers that retry or account per object). */
  callRaw<I, O>(method: UnaryMethod<I, O>, request: I, ctx: CallContext): Promise<O>;
  /** Throws the 403 ApiError when the request's key may not make this call (call and callRaw check too). */
  authorize<I>(method: UnaryMethod<I, unknown>, request: I, ctx: CallContext): void;
}

export function createGateway(
  transport: Transport,
  config: GatewayConfig,
  logger: Logger,
  metrics: Metrics = createMetrics(),
): Gateway {
  const metadata: MetadataPolicy = createMetadataPolicy({
    apiKey: config.apiKey,
    extraHeaders: config.forwardHeaders,
    passThroughAuthorization: config.auth.mode === "passthrough",
  });
  const keyRequired = requiresKey(config.auth);
  /** The scope check, on the exact message about to go upstream: nothing is sent that the key may not do. */
  function scopeError(path: string, request: unknown, inbound: Request): ApiError | undefined {
    if (!keyRequired || UNSCOPED_PATHS.has(path)) return undefined;
    const key = principalOf(inbound);
    // The auth middleware admits no keyless request to a scoped route; this guards any path around it.
    if (!key) return forbidden("this call needs a gateway key");
    return checkScope(key, callTarget(path, request));
  }
  async function callRaw<I, O>(method: UnaryMethod<I, O>, request: I, ctx: CallContext): Promise<O> {
    const denied = scopeError(method.path, request, ctx.request);
    if (denied) return Promise.reject(new GrpcError(Code.PERMISSION_DENIED, denied.detail ?? "forbidden"));
    const md = metadata(ctx.request.headers, peekState(ctx.request)?.parsedHeaders);
    const id = requestIdOf(ctx.request);
    if (id) md.set(REQUEST_ID, id);
    const started = performance.now();
    try {
      const reply = await transport.unary(method, request, {
        metadata: md,
        timeoutMs: fitDeadline(ctx.timeoutMs ?? config.timeouts.defaultMs, deadlineOf(ctx.request)),
        signal: ctx.request.signal,
      });
      const ms = performance.now() - started;
      recordUpstream(ctx.request, "OK", ms);
      metrics.upstreamCall(method.path, "OK", ms / 1000);
      return reply;
    } catch (error) {
      const grpcError = redactSecrets(upstreamCancelled(GrpcError.from(error), ctx.request), md);
      const ms = performance.now() - started;
      recordUpstream(ctx.request, grpcError.codeName, ms);
      metrics.upstreamCall(method.path, grpcError.codeName, ms / 1000);
      return Promise.reject(grpcError);
    }
  }
  return {
    config,
    logger,
    metrics,
    callRaw,
    authorize(method, request, ctx) {
      const denied = scopeError(method.path, request, ctx.request);
      if (denied) throw denied;
    },
    async call(method, request, ctx) {
      const denied = scopeError(method.path, request, ctx.request);
      if (denied) throw denied;
      try {
        return await callRaw(method, request, ctx);
      } catch (error) {
        throw grpcErrorToApiError(error as GrpcError);
      }
    },
  };
}

/**
 * CANCELLED means the client went away only when it did. An upstream that dies mid-call resets its
 * HTTP/2 streams, which the transport also reports as CANCELLED: that is the upstream being unavailable
 * (503, retryable by batch writers), not a 499 blaming the client.
 */
function upstreamCancelled(error: GrpcError, inbound: Request): GrpcError {
  if (error.code !== Code.CANCELLED || inbound.signal.aborted) return error;
  return new GrpcError(Code.UNAVAILABLE, `the upstream ended the call: ${error.message}`, error.details);
}

/** A call's timeout, shortened so it ends by the request's own deadline (at least 1 ms: grpc needs one). */
function fitDeadline(timeoutMs: number, deadline: number | undefined): number {
  return deadline === undefined ? timeoutMs : Math.max(1, Math.min(timeoutMs, deadline - Date.now()));
}

const SECRET_HEADER = /authorization|key|token|secret/;

/**
 * Upstream messages can quote what they were sent ("invalid api key: ..."). Credentials sent as metadata
 * (the Weaviate key, forwarded provider keys) are cut out of the message before anyone sees or logs it.
 */
function redactSecrets(error: GrpcError, metadata: Headers): GrpcError {
  let message = error.message;
  for (const [name, value] of metadata) {
    if (!SECRET_HEADER.test(name) || value.length < 4) continue;
    const secret = value.startsWith("Bearer ") ? value.slice(7) : value;
    message = message.split(secret).join("[redacted]");
  }
  return message === error.message ? error : new GrpcError(error.code, message, error.details);
}
