import type { Hono } from "hono";
import { handle, type LambdaContext, type LambdaEvent } from "hono/aws-lambda";
import { createApp } from "../app.js";
import { type Env, loadConfig } from "../config.js";
import { createJsonLogger } from "../logger.js";
import { createDeadlineQueue } from "./deadline-queue.js";
import { capResponse, LAMBDA_PAYLOAD_LIMIT } from "./lambda-size-limit.js";
import { lambdaCallPolicy } from "./lambda-transport.js";
import type { createNodeTransport } from "./node-transport.js";
import { readConfigFiles } from "./read-config-files.js";
import { loadRuntimeEnv } from "./runtime-env.js";

/** A frozen environment's HTTP/2 connection is presumed dead after this long idle (toolchain.md). */
const IDLE_RESET_MS = 60_000;

export type LambdaHandler = (event: LambdaEvent, context: LambdaContext) => Promise<unknown>;

/**
 * The AWS Lambda adapter: API Gateway REST (v1) and HTTP (v2) APIs, Function URLs and ALB, all through
 * hono/aws-lambda. Everything is built once per execution environment (in its INIT phase) and reused
 * across invocations; the gRPC connection starts opening as soon as the transport exists.
 *
 * The transport factory is passed in, not imported, so that the container image's startup snapshot
 * (lambda-image-snapshot.ts) can hold this module without loading node:http2 while it is built.
 */
export function createLambdaHandler(env: Env, createTransport: typeof createNodeTransport): LambdaHandler {
  const loaded = loadConfig(env, readConfigFiles(env));
  const runtime = loadRuntimeEnv(env);
  // Bodies above Lambda's payload limit never reach the function; a lower configured limit still applies.
  const config = {
    ...loaded,
    limits: { ...loaded.limits, maxBodyBytes: Math.min(loaded.limits.maxBodyBytes, LAMBDA_PAYLOAD_LIMIT) },
  };
  const logger = createJsonLogger(config.logLevel);
  let context: LambdaContext | undefined;
  const { transport } = createTransport(
    config,
    { protocol: runtime.WEAVIATE_GRPC_WEB_PROTOCOL },
    { idleResetMs: IDLE_RESET_MS, maxReconnectBackoffMs: 1000 },
  );
  // The handshakes run while the app is built, instead of after the first request arrives.
  transport.connect?.();
  const remainingMs = () => context?.getRemainingTimeInMillis?.() ?? Number.POSITIVE_INFINITY;
  const app: Hono = createApp({
    transport: lambdaCallPolicy(transport, remainingMs),
    config,
    logger,
    deadlines: createDeadlineQueue(),
  });
  const inner = handle(app);
  return async (event, ctx) => {
    // One invocation at a time per execution environment (either runtime), so one context per handler is safe.
    context = ctx;
    try {
      return capResponse(event, (await inner(event, ctx)) as Parameters<typeof capResponse>[1]);
    } finally {
      context = undefined;
    }
  };
}
