import type { Env } from "../config.js";
import { createJsonLogger } from "../logger.js";
import { createLambdaHandler, type LambdaHandler } from "./lambda-handler.js";

/**
 * The Lambda container image's process (deploy/lambda-image/Dockerfile): its own runtime, started from a
 * startup snapshot (lambda-image-snapshot.ts) or from the plain bundle (lambda-image-main.ts). It builds the
 * handler during Lambda's INIT phase, which ends when it first asks for an event, then serves events until
 * the environment is shut down. node:http and node:http2 are imported here, at run time, never while a
 * snapshot is built.
 */
export async function startLambdaImage(env: Env = process.env): Promise<void> {
  // Failures of the runtime itself are always logged; the gateway's own lines follow LOG_LEVEL.
  const logger = createJsonLogger("error", console.error);
  const address = env.AWS_LAMBDA_RUNTIME_API;
  if (!address) {
    console.error(
      "AWS_LAMBDA_RUNTIME_API is not set: this is the Lambda container image's entry, which Lambda starts (use dist/node/server.mjs elsewhere)",
    );
    process.exit(2);
  }
  const [{ createRuntimeApi }, { createNodeTransport }] = await Promise.all([
    import("./lambda-runtime-api.js"),
    import("./node-transport.js"),
  ]);
  let api: ReturnType<typeof createRuntimeApi>;
  try {
    api = createRuntimeApi(address, env, logger);
  } catch (error) {
    console.error(String((error as Error).message));
    process.exit(2);
  }
  let handler: LambdaHandler;
  try {
    handler = createLambdaHandler(env, createNodeTransport);
  } catch (error) {
    // A bad configuration: Lambda records the report, and the function's invocations fail with it.
    logger.error("INIT failed", { error: (error as Error).message });
    await api.initError(error).catch(() => {});
    process.exit(1);
  }
  // The managed runtime's way with an error nothing caught: report it as the invocation's, then exit (Lambda
  // starts the environment again). Node would exit without a word to Lambda.
  let crashed = false;
  const crash = (error: unknown) => {
    logger.error("uncaught error: exiting", { error: String(error) });
    // One report: a second error while it is being sent only waits for the exit.
    if (crashed) return;
    crashed = true;
    void api
      .crash(error)
      .catch(() => {})
      .finally(() => process.exit(1));
  };
  process.on("uncaughtException", crash);
  process.on("unhandledRejection", crash);
  try {
    await api.serve(handler);
  } catch (error) {
    logger.error("the Runtime API failed: exiting", { error: String(error) });
    process.exit(1);
  }
}
