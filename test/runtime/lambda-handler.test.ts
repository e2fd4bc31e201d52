import { readFileSync } from "node:fs";
import type { LambdaContext, LambdaEvent } from "hono/aws-lambda";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { SearchReply } from "../../src/gen/v1/search_get.js";
import { Code } from "../../src/grpc/status.js";
import { createLambdaHandler } from "../../src/runtime/lambda.js";
import { grpcReply, lengthPrefixed, startTestUpstream } from "../support/h2-test-upstream.js";
import {
  delay,
  type RecordingUpstream,
  StatusError,
  startRecordingUpstream,
} from "../support/recording-upstream.js";

// biome-ignore lint/suspicious/noExplicitAny: event fixtures are free-form JSON, edited per test
type EventJson = Record<string, any>;

/** Event shapes as AWS documents them (see lambda-events/), all asking for the same search. */
const fixture = (name: string): EventJson =>
  JSON.parse(readFileSync(new URL(`./lambda-events/${name}.json`, import.meta.url), "utf8"));
const EVENTS = ["api-gateway-v1", "api-gateway-v2", "function-url", "alb"] as const;

const context = (remainingMs = 29_000) =>
  ({
    functionName: "weaviate-rest-gateway",
    functionVersion: "$LATEST",
    invokedFunctionArn: "arn:aws:lambda:us-east-2:123456789012:function:weaviate-rest-gateway",
    memoryLimitInMB: "512",
    awsRequestId: "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
    logGroupName: "/aws/lambda/weaviate-rest-gateway",
    logStreamName: "2026/03/10/[$LATEST]abc",
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => remainingMs,
  }) as unknown as LambdaContext;

let upstream: RecordingUpstream;
let handler: ReturnType<typeof createLambdaHandler>;
beforeAll(async () => {
  upstream = await startRecordingUpstream();
  handler = createLambdaHandler({
    WEAVIATE_GRPC_URL: upstream.url,
    WEAVIATE_API_KEY: "k",
    LOG_LEVEL: "silent",
  });
});
afterAll(() => upstream.close());
beforeEach(() => upstream.reset());

type Result = {
  statusCode: number;
  body: string;
  headers?: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
};
const invoke = async (event: EventJson, ctx = context()) =>
  (await handler(event as LambdaEvent, ctx)) as Result;

describe.each(EVENTS)("the Lambda handler with a %s event", (name) => {
  it("proxies the search and answers in the event's result shape", async () => {
    upstream.on("Search", () => ({
      results: [{ metadata: { id: "b7ab6a0e-9b8f-4d5a-8d57-3e5c2c6f0a11" } }],
    }));
    const res = await invoke(fixture(name));
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body).objects).toHaveLength(1);
    expect(upstream.callsTo("Search")[0]).toMatchObject({
      request: { collection: "Article", tenant: "t1", limit: 2 },
      metadata: { authorization: "Bearer k" },
    });
    if (name === "alb")
      expect(res).toMatchObject({ isBase64Encoded: false, headers: { "content-type": "application/json" } });
    if (name === "api-gateway-v1")
      expect(res.multiValueHeaders?.["content-type"]).toEqual(["application/json"]);
  });

  it("renders upstream errors as problems", async () => {
    upstream.on("Search", () => {
      throw new StatusError(Code.UNAVAILABLE, "maintenance mode");
    });
    const res = await invoke(fixture(name));
    expect(res.statusCode).toBe(503);
    expect(JSON.parse(res.body)).toMatchObject({ grpcCode: "UNAVAILABLE" });
    // Read-only calls get one retry on UNAVAILABLE (a thawed environment's dead connection).
    expect(upstream.callsTo("Search")).toHaveLength(2);
  });

  it("answers 413 with a problem instead of a platform error when the response is over the limit", async () => {
    const limit = name === "alb" ? 1024 * 1024 : 6 * 1024 * 1024;
    const big = "x".repeat(64 * 1024);
    const count = Math.ceil(limit / big.length) + 1;
    upstream.on("Search", () => ({
      results: Array.from({ length: count }, () => ({
        metadata: { id: "b7ab6a0e-9b8f-4d5a-8d57-3e5c2c6f0a11" },
        properties: { nonRefProps: { fields: { t: { textValue: big } } } },
      })),
    }));
    const res = await invoke(fixture(name));
    expect(res.statusCode).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ status: 413, title: "Response too large for AWS Lambda" });
  });

  it("passes a response just under the limit whole (measured exactly, not estimated)", async () => {
    const limit = name === "alb" ? 1024 * 1024 : 6 * 1024 * 1024;
    const text = "x".repeat(limit - 20_000);
    upstream.on("Search", () => ({
      results: [{ properties: { nonRefProps: { fields: { t: { textValue: text } } } } }],
    }));
    const res = await invoke(fixture(name));
    expect(res.statusCode).toBe(200);
    expect(new TextEncoder().encode(JSON.stringify(res)).byteLength).toBeGreaterThan(limit - 25_000);
    expect(new TextEncoder().encode(JSON.stringify(res)).byteLength).toBeLessThanOrEqual(limit);
    expect(JSON.parse(res.body).objects[0].properties.t).toBe(text);
  });

  it("answers 413 when escaping, not the body's length, takes the response over the limit", async () => {
    const limit = name === "alb" ? 1024 * 1024 : 6 * 1024 * 1024;
    // Each U+0001 is 6 characters in the answer ("\u0001") and 7 bytes in the event's result JSON.
    const text = "\u0001".repeat(Math.floor(limit / 6.5));
    upstream.on("Search", () => ({
      results: [{ properties: { nonRefProps: { fields: { t: { textValue: text } } } } }],
    }));
    const res = await invoke(fixture(name));
    expect(res.statusCode).toBe(413);
  });
});

describe("the Lambda handler", () => {
  it("keeps every deadline inside the invocation's remaining time", async () => {
    upstream.on("Search", () => delay(3000));
    const started = performance.now();
    const res = await invoke(fixture("api-gateway-v2"), context(600));
    expect(res.statusCode).toBe(504);
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it("opens the HTTP/2 session when the handler is built, and its first search uses it", async () => {
    const h2 = await startTestUpstream((stream) =>
      grpcReply(stream, [lengthPrefixed(SearchReply.encode({ took: 1 }).finish())]),
    );
    try {
      const fresh = createLambdaHandler({
        WEAVIATE_GRPC_URL: h2.url,
        WEAVIATE_API_KEY: "k",
        LOG_LEVEL: "silent",
      });
      for (let i = 0; i < 100 && h2.sessions() === 0; i++) await delay(5);
      expect([h2.sessions(), h2.requests.length]).toEqual([1, 0]);
      const res = (await fresh(fixture("api-gateway-v2") as LambdaEvent, context())) as Result;
      expect(res.statusCode).toBe(200);
      expect([h2.sessions(), h2.requests.length]).toEqual([1, 1]);
    } finally {
      await h2.close();
    }
  });

  it("inside Lambda, builds the handler and opens the session while the module loads (INIT)", async () => {
    const h2 = await startTestUpstream((stream) =>
      grpcReply(stream, [lengthPrefixed(SearchReply.encode({ took: 1 }).finish())]),
    );
    const env = {
      AWS_LAMBDA_FUNCTION_NAME: "gw",
      WEAVIATE_GRPC_URL: h2.url,
      WEAVIATE_API_KEY: "k",
      LOG_LEVEL: "silent",
    };
    for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
    try {
      vi.resetModules();
      const lambda = await import("../../src/runtime/lambda.js");
      for (let i = 0; i < 100 && h2.sessions() === 0; i++) await delay(5);
      expect([h2.sessions(), h2.requests.length]).toEqual([1, 0]);
      const res = (await lambda.handler(fixture("api-gateway-v2") as LambdaEvent, context())) as Result;
      expect([res.statusCode, h2.sessions(), h2.requests.length]).toEqual([200, 1, 1]);
    } finally {
      vi.unstubAllEnvs();
      await h2.close();
    }
  });

  it("serves /healthz without calling upstream", async () => {
    const event = fixture("api-gateway-v2");
    Object.assign(event, {
      rawPath: "/healthz",
      rawQueryString: "",
      body: undefined,
      isBase64Encoded: false,
    });
    event.requestContext.http = { ...event.requestContext.http, method: "GET", path: "/healthz" };
    const res = await invoke(event);
    expect(res.statusCode).toBe(200);
    expect(upstream.calls).toHaveLength(0);
  });
});
