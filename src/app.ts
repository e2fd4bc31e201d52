import { Hono } from "hono";
import type { GatewayConfig } from "./config.js";
import { ApiError, PROBLEM_TYPES } from "./errors/api-error.js";
import { internalError, renderProblem } from "./errors/render-problem.js";
import { createGateway } from "./gateway.js";
import type { Transport } from "./grpc/transport.js";
import { type Logger, silentLogger } from "./logger.js";
import { accessLog } from "./middleware/access-log/index.js";
import { requestId } from "./middleware/request-id/index.js";
import { batchRoutes } from "./routes/batch.js";
import { deleteRoutes } from "./routes/delete.js";
import { healthRoutes } from "./routes/health.js";
import { importRoutes } from "./routes/import.js";
import { objectsReadRoutes } from "./routes/objects-read.js";
import { objectWriteRoutes } from "./routes/objects-write.js";
import { searchRoutes } from "./routes/search.js";
import { weaviateRestBatchRoutes } from "./routes/weaviate-rest-batch.js";

export interface AppDeps {
  readonly transport: Transport;
  readonly config: GatewayConfig;
  readonly logger?: Logger;
}

/**
 * The one Hono app every runtime serves (Node, Lambda, Workers): routes, validation and translation, with
 * the upstream transport, configuration and logger injected.
 */
export function createApp(deps: AppDeps): Hono {
  const logger = deps.logger ?? silentLogger;
  const gw = createGateway(deps.transport, deps.config, logger);
  const app = new Hono();
  app.use(requestId(), accessLog(logger));

  app.route("/", healthRoutes(gw));
  app.route("/", searchRoutes(gw));
  app.route("/", objectsReadRoutes(gw));
  app.route("/", batchRoutes(gw));
  app.route("/", objectWriteRoutes(gw));
  app.route("/", importRoutes(gw));
  app.route("/", deleteRoutes(gw));
  app.route("/", weaviateRestBatchRoutes(gw));

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
