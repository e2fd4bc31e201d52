import { Code, GrpcError } from "../grpc/status.js";
import type { Transport } from "../grpc/transport.js";

/** Read-only RPCs: safe to send twice. Writes are retried (or not) by their own routes. */
const IDEMPOTENT = /\/(?:Search|Aggregate|TenantsGet|Check)$/;

/** Time kept back so the gateway answers 504 itself before Lambda kills the invocation. */
const MARGIN_MS = 250;

/**
 * Lambda-specific call policy around any transport: deadlines never outlive the invocation's remaining
 * time, and a read-only call that meets UNAVAILABLE is tried once more, because a thawed environment's
 * first call often lands on an HTTP/2 connection that died while frozen (grpc-node #2285, #2664).
 */
export function lambdaCallPolicy(transport: Transport, remainingMs: () => number): Transport {
  return {
    async unary(method, request, options) {
      const attempt = () => {
        const left = remainingMs() - MARGIN_MS;
        if (left <= 0) throw new GrpcError(Code.DEADLINE_EXCEEDED, "no time left in this Lambda invocation");
        return transport.unary(method, request, { ...options, timeoutMs: Math.min(options.timeoutMs, left) });
      };
      try {
        return await attempt();
      } catch (error) {
        const retry =
          error instanceof GrpcError && error.code === Code.UNAVAILABLE && IDEMPOTENT.test(method.path);
        if (!retry || options.signal?.aborted) throw error;
        return attempt();
      }
    },
    close: () => transport.close(),
  };
}
