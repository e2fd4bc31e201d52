import { Hono } from "hono";
import { ApiError, PROBLEM_TYPES } from "../errors/api-error.js";
import type { Gateway } from "../gateway.js";
import { HealthCheckResponse_ServingStatus } from "../gen/grpc/health/v1/health.js";
import { methods } from "../grpc/methods.js";
import type { GrpcError } from "../grpc/status.js";
import { jsonAnswer } from "../http/json-answer.js";

/** Readiness probes are short: a probe must answer before the orchestrator's own timeout. */
const READY_TIMEOUT_MS = 2000;

export function healthRoutes(gw: Gateway): Hono {
  return new Hono()
    .get("/healthz", (c) => jsonAnswer(c, { status: "ok" }))
    .get("/readyz", async (c) => {
      const started = performance.now();
      let status: HealthCheckResponse_ServingStatus | undefined;
      try {
        const reply = await gw.callRaw(
          methods.healthCheck,
          { service: "" },
          { request: c.req.raw, timeoutMs: READY_TIMEOUT_MS },
        );
        status = reply.status;
      } catch (error) {
        throw notReady(
          `Weaviate health check failed: ${(error as GrpcError).message}`,
          (error as GrpcError).codeName,
        );
      }
      if (status !== HealthCheckResponse_ServingStatus.SERVING) {
        throw notReady(`Weaviate reports ${HealthCheckResponse_ServingStatus[status ?? 0] ?? status}`);
      }
      return jsonAnswer(c, {
        status: "ready",
        upstreamMs: Math.round((performance.now() - started) * 10) / 10,
      });
    });
}

function notReady(detail: string, grpcCode?: GrpcError["codeName"]): ApiError {
  return new ApiError({
    status: 503,
    title: "Not ready",
    detail,
    type: PROBLEM_TYPES.upstream,
    grpcCode,
    headers: { "retry-after": "1" },
  });
}
