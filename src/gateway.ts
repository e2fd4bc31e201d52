import type { GatewayConfig } from "./config.js";
import { grpcErrorToApiError } from "./errors/grpc-to-http.js";
import { createMetadataPolicy, type MetadataPolicy, REQUEST_ID } from "./grpc/metadata.js";
import { GrpcError } from "./grpc/status.js";
import type { Transport, UnaryMethod } from "./grpc/transport.js";
import type { Logger } from "./logger.js";
import { recordUpstream } from "./middleware/access-log/index.js";
import { requestIdOf } from "./middleware/request-id/index.js";

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
  call<I, O>(method: UnaryMethod<I, O>, request: I, ctx: CallContext): Promise<O>;
  /** Like call, but rejects with the raw GrpcError (for callers that retry or account per object). */
  callRaw<I, O>(method: UnaryMethod<I, O>, request: I, ctx: CallContext): Promise<O>;
}

export function createGateway(transport: Transport, config: GatewayConfig, logger: Logger): Gateway {
  const metadata: MetadataPolicy = createMetadataPolicy({
    apiKey: config.apiKey,
    extraHeaders: config.forwardHeaders,
  });
  async function callRaw<I, O>(method: UnaryMethod<I, O>, request: I, ctx: CallContext): Promise<O> {
    const md = metadata(ctx.request.headers);
    const id = requestIdOf(ctx.request);
    if (id) md.set(REQUEST_ID, id);
    const started = performance.now();
    try {
      const reply = await transport.unary(method, request, {
        metadata: md,
        timeoutMs: ctx.timeoutMs ?? config.timeouts.defaultMs,
        signal: ctx.request.signal,
      });
      recordUpstream(ctx.request, "OK", performance.now() - started);
      return reply;
    } catch (error) {
      const grpcError = redactSecrets(GrpcError.from(error), md);
      recordUpstream(ctx.request, grpcError.codeName, performance.now() - started);
      return Promise.reject(grpcError);
    }
  }
  return {
    config,
    logger,
    callRaw,
    async call(method, request, ctx) {
      try {
        return await callRaw(method, request, ctx);
      } catch (error) {
        throw grpcErrorToApiError(error as GrpcError);
      }
    },
  };
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
