import type { Env } from "../config.js";
import { createLambdaHandler as createHandler, type LambdaHandler } from "./lambda-handler.js";
import { createNodeTransport } from "./node-transport.js";

/** The handler of the .zip deployment (Lambda's managed Node runtime), over the HTTP/2 or gRPC-Web transport. */
export function createLambdaHandler(env: Env): LambdaHandler {
  return createHandler(env, createNodeTransport);
}

let cached: LambdaHandler | undefined;

// In a Lambda execution environment the handler is built in the INIT phase, before the first event: the
// configuration is read, the app built and the upstream connection opened while Lambda prepares the
// environment, not while the first caller waits. Elsewhere (a test importing this module), or when the
// configuration is bad, the first event builds it, and reports the error.
if (process.env.AWS_LAMBDA_FUNCTION_NAME) {
  try {
    cached = createLambdaHandler(process.env);
  } catch {
    // Thrown again, to the invocation, by the build below.
  }
}

/** The function's handler (`dist/lambda/index.handler`): configured from the environment. */
export const handler: LambdaHandler = (event, context) => {
  cached ??= createLambdaHandler(process.env);
  return cached(event, context);
};
