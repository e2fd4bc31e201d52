// Cold start of the Lambda container image's process (src/runtime/lambda-image.ts): process start → the
// first invocation's 200 posted to the Runtime API, which Lambda's own start would wait for too. The
// Runtime API is the tests' emulator; the event is an API Gateway HTTP API (v2) request.
import { spawn } from "node:child_process";
import { startRuntimeApiEmulator } from "../test/support/runtime-api-emulator.js";
import { AUTH_HEADERS, gatewayEnv } from "./cold-start.mjs";

/** An API Gateway HTTP API (v2 payload) event: POST `path` with a JSON body, authenticated as the bench. */
export function apiGatewayEvent(path: string, body: string) {
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath: path,
    rawQueryString: "",
    headers: { "content-type": "application/json", ...AUTH_HEADERS },
    requestContext: {
      accountId: "123456789012",
      apiId: "bench",
      domainName: "bench.execute-api.us-east-1.amazonaws.com",
      domainPrefix: "bench",
      http: { method: "POST", path, protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "bench" },
      requestId: "bench",
      routeKey: "$default",
      stage: "$default",
      time: "24/Nov/2026:00:00:00 +0000",
      timeEpoch: 0,
    },
    body,
    isBase64Encoded: false,
  };
}

/** Milliseconds from spawning `node ...args` in `cwd` to its answer of a search event (statusCode 200). */
export async function lambdaColdStart(
  { cwd, args, path }: { cwd: string; args: string[]; path: string },
  grpcPort: number,
): Promise<number> {
  const api = await startRuntimeApiEmulator();
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd,
    stdio: "ignore",
    env: { ...gatewayEnv(grpcPort), AWS_LAMBDA_RUNTIME_API: api.address, AWS_LAMBDA_FUNCTION_NAME: "bench" },
  });
  try {
    const exited = new Promise<never>((_, reject) =>
      child.once("exit", (code) => reject(new Error(`the Lambda image's process exited (${code})`))),
    );
    const outcome = await Promise.race([api.invoke(apiGatewayEvent(path, "{}")), exited]);
    const elapsed = performance.now() - started;
    const status = (outcome.body as { statusCode?: number } | undefined)?.statusCode;
    if (outcome.kind !== "response" || status !== 200)
      throw new Error(`the first invocation ended ${outcome.kind} ${JSON.stringify(outcome.body)}`);
    return elapsed;
  } finally {
    child.kill("SIGKILL");
    await api.close();
  }
}
