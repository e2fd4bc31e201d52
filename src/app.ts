import { Hono } from "hono";
import type { BatchParser } from "./batch/parse-batch.js";
import type { GatewayConfig } from "./config.js";
import { ApiError, PROBLEM_TYPES } from "./errors/api-error.js";
import { internalError, renderProblem } from "./errors/render-problem.js";
import { createGateway } from "./gateway.js";
import type { Transport } from "./grpc/transport.js";
import { type Logger, silentLogger } from "./logger.js";
import { createMetrics } from "./metrics/create-metrics.js";
import { auth } from "./middleware/auth/index.js";
import { corsPolicy } from "./middleware/cors/index.js";
import { type DeadlineTimer, limits } from "./middleware/limits/index.js";
import { observe } from "./middleware/observe/index.js";
import { rateLimit } from "./middleware/rate-limit/index.js";
import { batchRoutes } from "./routes/batch.js";
import { deleteRoutes } from "./routes/delete.js";
import { docsRoutes } from "./routes/docs.js";
import { healthRoutes } from "./routes/health.js";
import { hookRoutes } from "./routes/hooks.js";
import { importRoutes } from "./routes/import.js";
import { metricsRoutes } from "./routes/metrics.js";
import { objectsReadRoutes } from "./routes/objects-read.js";
import { objectWriteRoutes } from "./routes/objects-write.js";
import { rpcRoutes } from "./routes/rpc.js";
import { searchRoutes } from "./routes/search.js";
import { weaviateRestBatchRoutes } from "./routes/weaviate-rest-batch.js";

export interface AppDeps {
  readonly transport: Transport;
  readonly config: GatewayConfig;
  readonly logger?: Logger;
  /** Runs a request's metrics and log line; inline unless the runtime can defer them past the response. */
  readonly defer?: (task: () => void) => void;
  /** Times request deadlines; a timer per request unless the runtime gives a cheaper one. */
  readonly deadlines?: DeadlineTimer;
  /** Parses batch bodies; on the request's thread unless the runtime has threads to spare (Node). */
  readonly parseBatch?: BatchParser;
}

/**
 * The one Hono app every runtime serves (Node, Lambda, Workers): routes, validation and translation, with
 * the upstream transport, configuration and logger injected.
 */
export function createApp(deps: AppDeps): Hono {
  const logger = deps.logger ?? silentLogger;
  const metrics = createMetrics();
  const gw = createGateway(deps.transport, deps.config, logger, metrics);
  const app = new Hono();
  // Security (README "Security"): headers on every answer (observe), CORS before auth so preflights need
  // no key, limits before any work, then who the caller is and how fast it may go. A switched-off policy
  // (no CORS origins, no rate limit) adds no layer: every middleware is paid by every request.
  const { config } = deps;
  app.use(observe({ logger, metrics, security: { hstsMaxAgeS: config.hstsMaxAgeS }, defer: deps.defer }));
  const streaming = (path: string) => path.endsWith("/objects/import");
  if (config.corsOrigins.length) app.use(corsPolicy(config.corsOrigins));
  app.use(
    limits({
      maxBodyBytes: config.limits.maxBodyBytes,
      timeoutMs: config.requestTimeoutMs,
      streaming,
      deadlines: deps.deadlines,
    }),
  );
  // Webhooks authenticate by their signature (providers cannot send a gateway key), so they are routed
  // before the key check; they then act with a scope of their own (routes/hooks.ts).
  app.route("/", hookRoutes(gw, config.hooks));
  app.use(auth(config.auth));
  if (config.rateLimit.rps > 0) app.use(rateLimit(config.rateLimit));
  if (config.auth.mode === "open") {
    logger.warn(
      "GATEWAY_AUTH=open: no gateway API keys, anyone who can reach this port can use it (development only)",
    );
  }

  app.route("/", healthRoutes(gw));
  app.route("/", searchRoutes(gw));
  app.route("/", objectsReadRoutes(gw));
  app.route("/", batchRoutes(gw, deps.parseBatch));
  app.route("/", objectWriteRoutes(gw));
  app.route("/", importRoutes(gw));
  app.route("/", deleteRoutes(gw));
  app.route("/", weaviateRestBatchRoutes(gw));
  app.route("/", rpcRoutes(gw));
  app.route("/", metricsRoutes(metrics));
  app.route("/", docsRoutes({ scriptUrl: config.docsScriptUrl }));

  const allowed = methodIndex(app);
  app.notFound((c) => {
    const methodsForPath = allowed(c.req.path);
    if (methodsForPath.length) {
      return renderProblem(
        new ApiError({
          status: 405,
          title: "Method not allowed",
          detail: `${c.req.method} is not allowed on ${c.req.path}; use ${methodsForPath.join(", ")}`,
          type: PROBLEM_TYPES.methodNotAllowed,
          headers: { allow: methodsForPath.join(", ") },
        }),
      );
    }
    return renderProblem(ApiError.notFound(`no route for ${c.req.method} ${c.req.path}`));
  });

  app.onError((error, c) => {
    if (error instanceof ApiError) return renderProblem(error);
    logger.error("unhandled error", {
      method: c.req.method,
      path: c.req.path,
      error: String(error),
      stack: (error as Error).stack,
    });
    return renderProblem(internalError());
  });
  return app;
}

/** Path → methods registered for it, from the app's own route table (for 405 and its Allow header). */
function methodIndex(app: Hono): (path: string) => string[] {
  const table = app.routes
    .filter((r) => r.method !== "ALL")
    .map((r) => ({
      method: r.method,
      pattern: new RegExp(
        `^${r.path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/:[A-Za-z_]+/g, "[^/]+")}/?$`,
      ),
    }));
  return (path) => [...new Set(table.filter((r) => r.pattern.test(path)).map((r) => r.method))];
}
