import { existsSync } from "node:fs";
import type { IncomingMessage } from "node:http";
import { createApp } from "../app.js";
import { ConfigError, type GatewayConfig, loadConfig } from "../config.js";
import { ApiError, PROBLEM_TYPES } from "../errors/api-error.js";
import { renderProblem } from "../errors/render-problem.js";
import { createJsonLogger, type Logger } from "../logger.js";
import { stateOf } from "../middleware/request-state.js";
import { createAfterIo } from "./after-io.js";
import { createDeadlineQueue } from "./deadline-queue.js";
import { readDeclaredBody } from "./node-body.js";
import type { NodeServer } from "./node-server.js";
import { readConfigFiles } from "./read-config-files.js";
import { loadRuntimeEnv, type RuntimeEnv } from "./runtime-env.js";
import { createStdoutLines } from "./stdout-lines.js";

export interface StartOptions {
  /**
   * The batch parser thread's module (dist/node/batch-worker.mjs, beside the bundle). Batches are parsed
   * in place when it is not given or not there (`npm start` runs the sources, which have no such file).
   */
  readonly batchWorker?: URL;
}

/**
 * `npm start` and the container image: the gateway on Node, configured from the environment. The HTTP
 * server, the upstream transport and the batch parser threads are imported when this runs, not when the
 * module loads, so the startup snapshot (node-snapshot.ts) can hold this module and everything it
 * imports, which never touch node:http, node:http2, node:worker_threads or the fetch globals while loading.
 */
export async function startGateway(options: StartOptions = {}): Promise<void> {
  let config: GatewayConfig;
  let runtime: RuntimeEnv;
  try {
    config = loadConfig(process.env, readConfigFiles(process.env));
    runtime = loadRuntimeEnv(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const lines = createStdoutLines();
  const logger = createJsonLogger(config.logLevel, lines.write);
  let stopDevBackend: (() => Promise<void>) | undefined;
  if (!config.grpcUrl && !config.grpcWebUrl) {
    if (config.production) {
      console.error(
        "invalid configuration:\n  WEAVIATE_GRPC_URL: required in production (GATEWAY_ENV=production); or set WEAVIATE_GRPC_WEB_URL",
      );
      process.exit(2);
    }
    const dev = await startDevBackend(logger);
    config = { ...config, grpcUrl: dev.grpcUrl };
    stopDevBackend = dev.close;
  }
  const [{ startNodeServer }, { createNodeTransport }, { createBatchThreads, defaultBatchThreads }] =
    await Promise.all([
      import("./node-server.js"),
      import("./node-transport.js"),
      import("./batch-threads.js"),
    ]);
  const { transport, upstream } = createNodeTransport(config, {
    protocol: runtime.WEAVIATE_GRPC_WEB_PROTOCOL,
  });
  // The handshakes run while the app is built and the server starts listening.
  transport.connect?.();
  const afterIo = createAfterIo((error) =>
    logger.error("after-response task failed", { error: String(error) }),
  );
  // On exit (shutdown's process.exit included): the queued log lines and metrics first, then the lines.
  process.on("exit", () => {
    afterIo.flush();
    lines.flush();
  });
  const threads = runtime.BATCH_PARSE_THREADS ?? defaultBatchThreads();
  const workerUrl = options.batchWorker && existsSync(options.batchWorker) ? options.batchWorker : undefined;
  if (runtime.BATCH_PARSE_THREADS && !workerUrl) {
    logger.warn(
      "BATCH_PARSE_THREADS is set, but this build has no batch-worker.mjs: batches are parsed in place",
    );
  }
  const batchThreads =
    threads > 0 && workerUrl
      ? createBatchThreads({ threads, workerUrl, onError: (message) => logger.error(message) })
      : undefined;
  const app = createApp({
    transport,
    config,
    logger,
    defer: afterIo.defer,
    deadlines: createDeadlineQueue(),
    parseBatch: batchThreads?.parse,
  });

  let server: NodeServer | undefined;
  server = await startNodeServer({
    // While draining, readiness fails first so Kubernetes and load balancers stop routing here.
    // env (Node's incoming request) reaches the app: the rate limit keys keyless clients by socket address.
    // Node's own parse of the headers goes along, so forwarding them upstream need not rebuild them all
    // as WHATWG Headers (grpc/metadata.ts), and a reader of large bodies without the adapter's copies.
    fetch: (request, env) => {
      if (server?.draining && new URL(request.url).pathname === "/readyz") return shuttingDown();
      const { incoming } = env as { incoming: IncomingMessage };
      const state = stateOf(request);
      state.parsedHeaders = incoming.headers;
      state.readBody = (length) => readDeclaredBody(incoming, length);
      return app.fetch(request, env);
    },
    port: config.port,
    host: config.host,
    keepAliveTimeoutMs: runtime.KEEP_ALIVE_TIMEOUT_MS,
    headersTimeoutMs: runtime.HEADERS_TIMEOUT_MS,
    requestTimeoutMs: runtime.REQUEST_TIMEOUT_MS,
  });
  logger.info(`weaviate-rest-gateway listening on http://${server.address.address}:${server.address.port}`, {
    upstream,
    batchParseThreads: batchThreads ? threads : 0,
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      logger.warn(`second ${signal}: exiting now`);
      process.exit(1);
    }
    stopping = true;
    logger.info(`${signal}: draining (up to ${runtime.SHUTDOWN_TIMEOUT_MS} ms)`);
    const cut = await server.shutdown(runtime.SHUTDOWN_TIMEOUT_MS);
    if (cut)
      logger.warn(`shutdown cut ${cut} request(s) still running after ${runtime.SHUTDOWN_TIMEOUT_MS} ms`);
    await transport.close();
    await batchThreads?.close();
    await stopDevBackend?.();
    logger.info("stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

function shuttingDown(): Response {
  return renderProblem(
    new ApiError({
      status: 503,
      title: "Shutting down",
      detail: "this instance is draining; retry on another",
      type: PROBLEM_TYPES.upstream,
      headers: { "retry-after": "1" },
    }),
  );
}

/**
 * The development backend lives outside the runtime bundle: loaded only here, only when no upstream is
 * configured (the production build replaces this import with a stub that throws).
 */
async function startDevBackend(logger: Logger): Promise<{ grpcUrl: string; close: () => Promise<void> }> {
  const { startDevBackend } = await import("../../dev/backend/grpc-server.js");
  const dev = await startDevBackend({ port: 0 });
  logger.warn(
    `no WEAVIATE_GRPC_URL set: using the embedded development backend at ${dev.grpcUrl} (in-memory, not for production)`,
  );
  return { grpcUrl: dev.grpcUrl, close: () => dev.close() };
}
