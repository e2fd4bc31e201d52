import type { LambdaContext } from "hono/aws-lambda";
import { afterEach, describe, expect, it } from "vitest";
import { type RuntimeApiEmulator, startRuntimeApiEmulator } from "../../test/support/runtime-api-emulator.js";
import type { Logger } from "../logger.js";
import type { LambdaHandler } from "./lambda-handler.js";
import { createRuntimeApi, type RuntimeApi } from "./lambda-runtime-api.js";

/** The client in this process against the emulated Runtime API; the image's process is tested whole in test/runtime. */
let emulator: RuntimeApiEmulator;
let served: Promise<unknown>;
const logged: string[] = [];
const logger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: (msg, fields) => logged.push(`${msg} ${JSON.stringify(fields)}`),
};
const ENV = { AWS_LAMBDA_FUNCTION_NAME: "gateway", AWS_LAMBDA_FUNCTION_MEMORY_SIZE: "1024" };

async function serve(handler: LambdaHandler): Promise<RuntimeApi> {
  emulator = await startRuntimeApiEmulator();
  const api = createRuntimeApi(emulator.address, ENV, logger);
  served = api.serve(handler).catch((error: Error) => error);
  return api;
}

afterEach(async () => {
  logged.length = 0;
  await emulator.close();
  await served;
});

describe("the Lambda Runtime API client", () => {
  it("passes each event and its context to the handler, and posts the result once", async () => {
    const seen: { event: unknown; context: LambdaContext; trace: string | undefined; left: number }[] = [];
    await serve(async (event, context) => {
      seen.push({
        event,
        context,
        trace: process.env._X_AMZN_TRACE_ID,
        left: context.getRemainingTimeInMillis(),
      });
      return { statusCode: 200, body: `answer to ${(event as unknown as { n: number }).n}` };
    });
    const deadlineMs = Date.now() + 5000;
    const first = await emulator.invoke(
      { n: 1 },
      {
        deadlineMs,
        traceId: "Root=1-5e6722a7-cc56xmpl46db7ae02d4da47e;Parent=1;Sampled=1",
        headers: {
          "lambda-runtime-client-context": JSON.stringify({ custom: { app: "n8n" } }),
          "lambda-runtime-cognito-identity": "{not json",
        },
      },
    );
    const second = await emulator.invoke({ n: 2 });
    expect([first, second].map((o) => [o.kind, o.body])).toEqual([
      ["response", { statusCode: 200, body: "answer to 1" }],
      ["response", { statusCode: 200, body: "answer to 2" }],
    ]);
    expect(seen[0].event).toEqual({ n: 1 });
    expect(seen[0].context).toMatchObject({
      awsRequestId: "request-1",
      functionName: "gateway",
      memoryLimitInMB: "1024",
      invokedFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:gateway",
      clientContext: { custom: { app: "n8n" } },
      identity: undefined,
    });
    expect(seen[0].left).toBeGreaterThan(4000);
    expect(seen[0].left).toBeLessThanOrEqual(5000);
    // Each invocation's trace header, and none left over from the one before.
    expect(seen.map((s) => s.trace)).toEqual([
      "Root=1-5e6722a7-cc56xmpl46db7ae02d4da47e;Parent=1;Sampled=1",
      undefined,
    ]);
    expect(seen[1].context.awsRequestId).toBe("request-2");
    // One answer per event, and the next event asked for only after it.
    await expect
      .poll(() => emulator.calls)
      .toEqual(["next", "response request-1", "next", "response request-2", "next"]);
  });

  it("reports a handler's error by name and message only, and serves the next event", async () => {
    await serve(async (event) => {
      const kind = (event as unknown as { kind: string }).kind;
      if (kind === "type") throw new TypeError("cannot read x");
      if (kind === "odd") throw Object.assign(new Error("odd name"), { name: "Bad\r\nName: 1" });
      if (kind === "bigint") return { statusCode: 200, n: 1n };
      return { statusCode: 200 };
    });
    const type = await emulator.invoke({ kind: "type" });
    expect(type).toMatchObject({
      kind: "error",
      body: { errorType: "TypeError", errorMessage: "cannot read x" },
      headers: { "lambda-runtime-function-error-type": "TypeError" },
    });
    expect(Object.keys(type.body as object).sort()).toEqual(["errorMessage", "errorType"]);
    // A name that cannot be a header value is sent as "Error", instead of failing the report.
    expect(await emulator.invoke({ kind: "odd" })).toMatchObject({
      kind: "error",
      body: { errorType: "Error", errorMessage: "odd name" },
      headers: { "lambda-runtime-function-error-type": "Error" },
    });
    // A result JSON cannot carry is that invocation's error, not the process's end.
    expect(await emulator.invoke({ kind: "bigint" })).toMatchObject({
      kind: "error",
      body: { errorType: "TypeError" },
    });
    expect(await emulator.invoke({ kind: "fine" })).toMatchObject({
      kind: "response",
      body: { statusCode: 200 },
    });
    expect(logged.filter((line) => line.startsWith("invocation failed"))).toHaveLength(3);
  });

  it("goes on after Lambda refuses a response that is too large, without a second answer", async () => {
    await serve(async (event) =>
      (event as unknown as { big?: boolean }).big
        ? { statusCode: 200, body: "x".repeat(7 * 1024 * 1024) }
        : { statusCode: 200 },
    );
    expect(await emulator.invoke({ big: true })).toMatchObject({
      kind: "error",
      body: { errorType: "Function.ResponseSizeTooLarge" },
    });
    expect(await emulator.invoke({})).toMatchObject({ kind: "response" });
    await expect
      .poll(() => emulator.calls)
      .toEqual(["next", "response request-1", "next", "response request-2", "next"]);
    expect(logged).toEqual([expect.stringMatching(/refused the response .*"status":413/)]);
  });

  it("stops serving when the Runtime API answers 500 (non-recoverable) or cannot be reached", async () => {
    await serve(async () => ({ statusCode: 200 }));
    emulator.failNextPost(500);
    void emulator.invoke({});
    expect(String(await served)).toMatch(/answered 500/);

    await emulator.close();
    await serve(async () => ({ statusCode: 200 }));
    await emulator.ready;
    await emulator.close();
    expect(String(await served)).toMatch(/could not be reached/);
  });

  it("reports a crash as the running invocation's error, as INIT's before serving, and not between", async () => {
    let release!: () => void;
    const api = await serve(
      () =>
        new Promise((resolve) => {
          release = () => resolve({ statusCode: 200 });
        }),
    );
    const running = emulator.invoke({});
    await expect.poll(() => release).toBeDefined();
    await api.crash(new RangeError("escaped"));
    expect(await running).toMatchObject({
      kind: "error",
      body: { errorType: "RangeError", errorMessage: "escaped" },
    });
    release();
    // The late result is refused (the invocation is over), and the client asks for the next event.
    await expect.poll(() => emulator.calls.filter((call) => call === "next").length).toBe(2);
    expect(logged).toEqual([expect.stringMatching(/refused the response .*"status":400/)]);
    await api.crash(new Error("between"));
    expect(emulator.calls).toEqual(["next", "error request-1", "response request-1", "next"]);

    const starting = createRuntimeApi(emulator.address, ENV, logger);
    await starting.crash(new Error("while starting"));
    expect((await emulator.initError).body).toEqual({ errorType: "Error", errorMessage: "while starting" });
  });

  it("refuses an address that is not host:port", () => {
    for (const address of ["", "localhost", ":9001", "127.0.0.1:0", "127.0.0.1:http"])
      expect(() => createRuntimeApi(address, ENV, logger), address).toThrow(/host:port/);
  });
});
