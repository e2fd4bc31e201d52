import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ErrorInfo, Status } from "../src/gen/google/rpc/status.js";
import { createGrpcWebTransport, type WebProtocol } from "../src/grpc/grpc-web/create-grpc-web-transport.js";
import { methods } from "../src/grpc/methods.js";
import { Code, GrpcError } from "../src/grpc/status.js";
import { frame, type GrpcWebUpstream, startGrpcWebUpstream } from "./runtime/support/grpc-web-upstream.js";
import { delay, StatusError } from "./support/recording-upstream.js";

let up: GrpcWebUpstream;
beforeAll(async () => {
  up = await startGrpcWebUpstream();
});
afterAll(() => up.close());
afterEach(() => up.reset());

const md = (init: Record<string, string> = {}) => new Headers(init);
const call = (protocol: WebProtocol, timeoutMs = 1000, signal?: AbortSignal, maxMessageBytes?: number) =>
  createGrpcWebTransport({ baseUrl: `${up.url}/`, protocol, maxMessageBytes }).unary(
    methods.search,
    { collection: "Article", limit: 3 },
    {
      metadata: md({ authorization: "Bearer k", "x-openai-api-key": "o", "trace-bin": "AAE=" }),
      timeoutMs,
      signal,
    },
  );
const failure = (p: Promise<unknown>) =>
  p.then(
    () => expect.fail("expected the call to fail"),
    (e: unknown) => e as GrpcError,
  );

describe.each(["grpc-web", "connect"] as const)("the %s transport", (protocol) => {
  it("sends the encoded request with metadata and a timeout, and decodes the reply", async () => {
    up.on("Search", () => ({ took: 0.5, results: [{ metadata: { id: "0a" } }] }));
    const reply = await call(protocol, 1500);
    expect(reply.took).toBeCloseTo(0.5);
    expect(reply.results?.[0].metadata?.id).toBe("0a");
    const [sent] = up.calls;
    expect(sent).toMatchObject({ method: "Search", protocol, request: { collection: "Article", limit: 3 } });
    expect(sent.headers).toMatchObject({ authorization: "Bearer k", "x-openai-api-key": "o" });
    expect(sent.headers["trace-bin"]).toBeUndefined();
    if (protocol === "grpc-web") {
      expect(sent.headers).toMatchObject({ "x-grpc-web": "1", "grpc-timeout": "1500m" });
    } else {
      expect(sent.headers).toMatchObject({ "connect-protocol-version": "1", "connect-timeout-ms": "1500" });
    }
  });

  it("turns an upstream status into a GrpcError with the decoded message and ErrorInfo", async () => {
    const info = {
      typeUrl: "type.googleapis.com/google.rpc.ErrorInfo",
      value: ErrorInfo.encode({ reason: "LIMIT", domain: "weaviate.usagelimits" }).finish(),
    };
    up.on("Search", () => {
      throw new StatusError(
        Code.RESOURCE_EXHAUSTED,
        "über limit: 100% used",
        Status.encode({ code: 8, details: [info] }).finish(),
      );
    });
    const error = await failure(call(protocol));
    expect(error).toBeInstanceOf(GrpcError);
    expect(error).toMatchObject({ code: Code.RESOURCE_EXHAUSTED, message: "über limit: 100% used" });
    expect(error.details).toEqual([
      { type: info.typeUrl, reason: "LIMIT", domain: "weaviate.usagelimits", metadata: {} },
    ]);
  });

  it("fails with DEADLINE_EXCEEDED at the deadline without waiting for the upstream", async () => {
    up.on("Search", () => delay(2000));
    const started = performance.now();
    expect((await failure(call(protocol, 100))).code).toBe(Code.DEADLINE_EXCEEDED);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("fails with CANCELLED when the caller aborts", async () => {
    up.on("Search", () => delay(2000));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    expect((await failure(call(protocol, 5000, controller.signal))).code).toBe(Code.CANCELLED);
  });

  it("answers a 404 from a Weaviate without the endpoint as UNIMPLEMENTED with a hint", async () => {
    up.raw((_req, res) => res.writeHead(404, { "content-type": "application/json" }).end('{"error":"nope"}'));
    const error = await failure(call(protocol));
    expect(error.code).toBe(Code.UNIMPLEMENTED);
    expect(error.message).toContain("1.38.3");
  });

  it("maps a proxy's 503 page to UNAVAILABLE", async () => {
    up.raw((_req, res) => res.writeHead(503, { "content-type": "text/html" }).end("<h1>down</h1>"));
    expect((await failure(call(protocol))).code).toBe(Code.UNAVAILABLE);
  });

  it("refuses a reply over the message limit with RESOURCE_EXHAUSTED", async () => {
    up.on("Search", () => ({
      results: Array.from({ length: 50 }, () => ({ metadata: { id: "x".repeat(40) } })),
    }));
    expect((await failure(call(protocol, 1000, undefined, 1000))).code).toBe(Code.RESOURCE_EXHAUSTED);
  });
});

describe("gRPC-Web specifics", () => {
  it("reads the status from a trailer frame as well as from trailers-only headers", async () => {
    up.errorsIn = "trailer";
    up.on("Search", () => {
      throw new StatusError(Code.NOT_FOUND, "could not find class Article");
    });
    expect(await failure(call("grpc-web"))).toMatchObject({
      code: Code.NOT_FOUND,
      message: "could not find class Article",
    });
  });

  it.each([
    ["no grpc-status at all", Buffer.concat([frame(new Uint8Array())])],
    ["a truncated frame", frame(new Uint8Array(10)).subarray(0, 8)],
    ["a trailer without a message", frame(Buffer.from("grpc-status: 0\r\n"), 0x80)],
  ])("answers INTERNAL for %s", async (_name, body) => {
    up.raw((_req, res) => res.writeHead(200, { "content-type": "application/grpc-web+proto" }).end(body));
    expect((await failure(call("grpc-web"))).code).toBe(Code.INTERNAL);
  });

  it("answers UNAVAILABLE when nothing listens", async () => {
    const t = createGrpcWebTransport({ baseUrl: "http://127.0.0.1:1/v1/grpc-web" });
    const error = await failure(t.unary(methods.search, {}, { metadata: md(), timeoutMs: 1000 }));
    expect(error.code).toBe(Code.UNAVAILABLE);
  });

  it("uses the injected fetch and leaves no timer behind", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const fetch = vi.fn(
        async (_url: string, _init: RequestInit) =>
          new Response(
            Buffer.concat([frame(new Uint8Array()), frame(Buffer.from("grpc-status:0\r\n"), 0x80)]),
            {
              headers: { "content-type": "application/grpc-web+proto" },
            },
          ),
      );
      const t = createGrpcWebTransport({ baseUrl: "https://weaviate.example/v1/grpc-web", fetch });
      await t.unary(methods.healthCheck, { service: "" }, { metadata: md(), timeoutMs: 30_000 });
      expect(fetch.mock.calls[0][0]).toBe("https://weaviate.example/v1/grpc-web/grpc.health.v1.Health/Check");
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
