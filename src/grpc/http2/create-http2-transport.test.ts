import { getEventListeners } from "node:events";
import * as http2 from "node:http2";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  failure,
  grpcReply,
  lengthPrefixed,
  startTestUpstream,
  type TestUpstream,
} from "../../../test/support/h2-test-upstream.js";
import {
  delay,
  RawReply,
  type RecordingUpstream,
  StatusError,
  startRecordingUpstream,
} from "../../../test/support/recording-upstream.js";
import { Any } from "../../gen/google/protobuf/any.js";
import { ErrorInfo, Status } from "../../gen/google/rpc/status.js";
import { SearchReply, SearchRequest } from "../../gen/v1/search_get.js";
import { methods } from "../methods.js";
import { Code, GrpcError } from "../status.js";
import type { Transport } from "../transport.js";
import { createHttp2Transport } from "./create-http2-transport.js";

let upstream: RecordingUpstream;
let transport: Transport;
beforeAll(async () => {
  upstream = await startRecordingUpstream();
  transport = createHttp2Transport({ url: upstream.url });
});
afterAll(async () => {
  await transport.close();
  await upstream.close();
});
beforeEach(() => upstream.reset());

const call = (signal?: AbortSignal, timeoutMs = 1000, t = transport) =>
  t.unary(
    methods.search,
    { collection: "A" },
    { metadata: new Headers({ "x-request-id": "r" }), timeoutMs, signal },
  );

const errorInfoStatus = (code: Code, message: string) =>
  Status.encode({
    code,
    message,
    details: [
      Any.fromPartial({
        typeUrl: "type.googleapis.com/google.rpc.ErrorInfo",
        value: ErrorInfo.encode({
          reason: "USAGE_LIMIT",
          domain: "weaviate.usagelimits",
          metadata: { limit: "10" },
        }).finish(),
      }),
    ],
  }).finish();

const USAGE_LIMIT_DETAIL = {
  type: "type.googleapis.com/google.rpc.ErrorInfo",
  reason: "USAGE_LIMIT",
  domain: "weaviate.usagelimits",
  metadata: { limit: "10" },
};

/** A test upstream, closed with its transport after the test. */
async function withTestUpstream(
  handler: Parameters<typeof startTestUpstream>[0],
  fn: (u: TestUpstream, t: Transport) => Promise<void>,
  options: Partial<Parameters<typeof createHttp2Transport>[0]> = {},
) {
  const u = await startTestUpstream(handler);
  const t = createHttp2Transport({ url: u.url, ...options });
  try {
    await fn(u, t);
  } finally {
    await t.close();
    await u.close();
  }
}

describe("http2 transport against grpc-js", () => {
  it("sends the encoded request with its metadata and decodes the reply", async () => {
    upstream.on("Search", () => ({ took: 0.5 }));
    const reply = await call();
    expect(reply.took).toBe(0.5);
    expect(upstream.calls[0]).toMatchObject({
      method: "Search",
      request: { collection: "A" },
      metadata: { "x-request-id": "r", "user-agent": expect.stringContaining("weaviate-rest-gateway") },
    });
    expect([...upstream.calls[0].bytes]).toEqual([...SearchRequest.encode({ collection: "A" }).finish()]);
    // grpc-timeout carried the call's deadline.
    expect(upstream.calls[0].deadline - Date.now()).toBeGreaterThan(500);
    expect(upstream.calls[0].deadline - Date.now()).toBeLessThanOrEqual(1000);
  });

  it("surfaces a status with its code, message and ErrorInfo details", async () => {
    upstream.on("Search", () => {
      throw new StatusError(
        Code.RESOURCE_EXHAUSTED,
        "over limit",
        errorInfoStatus(Code.RESOURCE_EXHAUSTED, "over limit"),
      );
    });
    const error = await failure(call());
    expect(error).toBeInstanceOf(GrpcError);
    expect(error.code).toBe(Code.RESOURCE_EXHAUSTED);
    expect(error.message).toBe("over limit");
    expect(error.details).toEqual([USAGE_LIMIT_DETAIL]);
  });

  it("fails with DEADLINE_EXCEEDED at the deadline", async () => {
    upstream.on("Search", () => delay(1000));
    const started = Date.now();
    const error = await failure(call(undefined, 100));
    expect(error.code).toBe(Code.DEADLINE_EXCEEDED);
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);
    expect(Date.now() - started).toBeLessThan(400);
  });

  it("cancels the call when the signal aborts", async () => {
    upstream.on("Search", () => delay(1000));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await failure(call(controller.signal));
    expect(error.code).toBe(Code.CANCELLED);
  });

  it("fails with UNAVAILABLE when nothing listens, then reconnects when the upstream returns", async () => {
    const lone = await startRecordingUpstream();
    const t = createHttp2Transport({ url: lone.url, maxReconnectBackoffMs: 200 });
    const lonePort = lone.port;
    await lone.close();
    const error = await failure(t.unary(methods.search, {}, { metadata: new Headers(), timeoutMs: 500 }));
    expect(error.code).toBe(Code.UNAVAILABLE);
    expect(error.message).toContain("ECONNREFUSED");
    const back = await startRecordingUpstream(lonePort);
    back.on("Search", () => ({ took: 1 }));
    let reply: { took?: number } | undefined;
    for (let i = 0; i < 20 && !reply; i++) {
      reply = await t
        .unary(methods.search, {}, { metadata: new Headers(), timeoutMs: 500 })
        .catch(() => undefined);
      if (!reply) await delay(100);
    }
    expect(reply?.took).toBe(1);
    await t.close();
    await back.close();
  });

  it("forwards metadata but never -bin, reserved or pseudo names", async () => {
    const metadata = new Headers({
      authorization: "Bearer k",
      "x-openai-api-key": "sk",
      "x-trace-bin": "AQID",
      "grpc-encoding": "gzip",
      "content-type": "text/plain",
      te: "gzip",
      "user-agent": "spoofed",
    });
    await transport.unary(methods.search, { collection: "A" }, { metadata, timeoutMs: 1000 });
    const md = upstream.calls[0].metadata;
    expect(md).toMatchObject({ authorization: "Bearer k", "x-openai-api-key": "sk" });
    expect(md["user-agent"]).toContain("weaviate-rest-gateway");
    expect(Object.keys(md)).not.toContain("x-trace-bin");
    expect(Object.keys(md)).not.toContain("grpc-encoding");
  });

  it("answers 100 concurrent calls, each with its own reply", async () => {
    upstream.on("Search", async (request: { collection: string }) => {
      await delay(10);
      return { generativeGroupedResult: request.collection };
    });
    const replies = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        transport.unary(
          methods.search,
          { collection: `C${i}` },
          { metadata: new Headers(), timeoutMs: 5000 },
        ),
      ),
    );
    expect(replies.map((r) => r.generativeGroupedResult)).toEqual(
      Array.from({ length: 100 }, (_, i) => `C${i}`),
    );
  });

  it("decodes a reply of several MB, crossing many DATA frames, exactly", async () => {
    const text = Array.from({ length: 6_000_000 }, (_, i) => String.fromCharCode(97 + ((i * 7) % 26))).join(
      "",
    );
    upstream.on("Search", () => ({ took: 2, generativeGroupedResult: text }));
    const reply = await transport.unary(methods.search, {}, { metadata: new Headers(), timeoutMs: 10_000 });
    expect(reply.took).toBe(2);
    expect(reply.generativeGroupedResult?.length).toBe(text.length);
    expect(reply.generativeGroupedResult === text).toBe(true);
  });

  it("sends a request of several MB exactly", async () => {
    const collection = "Q".repeat(5_000_000);
    await transport.unary(methods.search, { collection }, { metadata: new Headers(), timeoutMs: 10_000 });
    expect((upstream.calls[0].request as { collection: string }).collection === collection).toBe(true);
  });

  it("fails with RESOURCE_EXHAUSTED for a reply over maxMessageBytes", async () => {
    upstream.on("Search", () => ({ generativeGroupedResult: "x".repeat(5000) }));
    const small = createHttp2Transport({ url: upstream.url, maxMessageBytes: 1000 });
    const error = await failure(call(undefined, 1000, small));
    expect(error.code).toBe(Code.RESOURCE_EXHAUSTED);
    expect(error.message).toContain("exceeds the limit of 1000 bytes");
    await small.close();
  });

  it("fails with RESOURCE_EXHAUSTED for a request over maxMessageBytes, sending nothing", async () => {
    const small = createHttp2Transport({ url: upstream.url, maxMessageBytes: 1000 });
    const error = await failure(
      small.unary(
        methods.search,
        { collection: "x".repeat(2000) },
        { metadata: new Headers(), timeoutMs: 1000 },
      ),
    );
    expect(error.code).toBe(Code.RESOURCE_EXHAUSTED);
    await delay(50);
    expect(upstream.calls).toHaveLength(0);
    await small.close();
  });

  it("fails with INTERNAL when the reply is not a valid message", async () => {
    // Field 1, length-delimited, declaring 16 bytes that never come.
    upstream.on("Search", () => new RawReply(Uint8Array.of(0x0a, 0x10, 0x41)));
    const error = await failure(call());
    expect(error.code).toBe(Code.INTERNAL);
    expect(error.message).toContain("cannot decode the reply");
  });

  it("fails with CANCELLED at once, sending nothing, when the signal is already aborted", async () => {
    const error = await failure(call(AbortSignal.abort()));
    expect(error.code).toBe(Code.CANCELLED);
    await delay(50);
    expect(upstream.calls).toHaveLength(0);
  });
});

describe("http2 transport against a hand-written HTTP/2 server", () => {
  const ok = (reply: Parameters<typeof SearchReply.encode>[0]) =>
    lengthPrefixed(SearchReply.encode(reply).finish());

  it("sends gRPC request headers and a length-prefixed body", () =>
    withTestUpstream(
      (stream, body) => body.then((b) => grpcReply(stream, [ok({ took: b.length })])),
      async (u, t) => {
        const reply = await t.unary(
          methods.search,
          { collection: "A" },
          { metadata: new Headers(), timeoutMs: 1500 },
        );
        expect(reply.took).toBe(5 + SearchRequest.encode({ collection: "A" }).finish().length);
        expect(u.requests[0]).toMatchObject({
          ":method": "POST",
          ":path": "/weaviate.v1.Weaviate/Search",
          ":authority": `127.0.0.1:${u.port}`,
          "content-type": "application/grpc",
          te: "trailers",
          "grpc-timeout": "1500m",
        });
      },
    ));

  it("caps an unbounded deadline to what timers and grpc-timeout carry, and fails a spent one at once", () =>
    withTestUpstream(
      (stream) => grpcReply(stream, [ok({ took: 1 })]),
      async (u, t) => {
        expect((await call(undefined, Number.POSITIVE_INFINITY, t)).took).toBe(1);
        expect(u.requests[0]["grpc-timeout"]).toBe("2147484S");
        expect((await failure(call(undefined, 0, t))).code).toBe(Code.DEADLINE_EXCEEDED);
        expect(u.requests).toHaveLength(1);
      },
    ));

  it("reads a trailers-only error with a percent-encoded message and unpadded base64 details", () => {
    const details = Buffer.from(errorInfoStatus(Code.NOT_FOUND, "gone"))
      .toString("base64")
      .replace(/=+$/, "");
    return withTestUpstream(
      (stream) =>
        stream.respond(
          {
            ":status": 200,
            "content-type": "application/grpc",
            "grpc-status": "5",
            "grpc-message": "no%20such%20collection%3A%20%C3%84",
            "grpc-status-details-bin": details,
          },
          { endStream: true },
        ),
      async (_u, t) => {
        const error = await failure(call(undefined, 1000, t));
        expect(error.code).toBe(Code.NOT_FOUND);
        expect(error.message).toBe("no such collection: Ä");
        expect(error.details).toEqual([USAGE_LIMIT_DETAIL]);
      },
    );
  });

  it("reassembles a length prefix and a message split across DATA chunks", () => {
    const frame = ok({ took: 3, generativeGroupedResult: "split".repeat(1000) });
    return withTestUpstream(
      async (stream) => {
        stream.respond({ ":status": 200, "content-type": "application/grpc" }, { waitForTrailers: true });
        stream.on("wantTrailers", () => stream.sendTrailers({ "grpc-status": "0" }));
        for (const [from, to] of [
          [0, 2],
          [2, 5],
          [5, 6],
          [6, 3000],
          [3000, frame.length],
        ]) {
          stream.write(frame.subarray(from, to));
          await delay(5);
        }
        stream.end();
      },
      async (_u, t) => {
        const reply = await call(undefined, 2000, t);
        expect(reply).toMatchObject({ took: 3, generativeGroupedResult: "split".repeat(1000) });
      },
    );
  });

  it.each([
    ["a compressed message", [lengthPrefixed(Uint8Array.of(8, 1), 1)], { "grpc-status": "0" }, "compressed"],
    [
      "two messages",
      [lengthPrefixed(Uint8Array.of()), lengthPrefixed(Uint8Array.of())],
      undefined,
      "more than one",
    ],
    ["status OK without a message", [], undefined, "no message"],
    ["a truncated message", [lengthPrefixed(Uint8Array.of(8, 1)).subarray(0, 6)], undefined, "truncated"],
    ["no grpc-status", [lengthPrefixed(Uint8Array.of())], {}, "no grpc-status"],
  ])("fails with INTERNAL for %s", (_name, data, trailers, message) =>
    withTestUpstream(
      (stream) => grpcReply(stream, data, trailers),
      async (_u, t) => {
        const error = await failure(call(undefined, 1000, t));
        expect(error.code).toBe(Code.INTERNAL);
        expect(error.message).toContain(message);
      },
    ),
  );

  it.each([
    [503, Code.UNAVAILABLE],
    [404, Code.UNIMPLEMENTED],
    [401, Code.UNAUTHENTICATED],
  ])("maps HTTP %i without a gRPC status to %s", (status, code) =>
    withTestUpstream(
      (stream) => {
        stream.respond({ ":status": status, "content-type": "text/plain" });
        stream.end("no");
      },
      async (_u, t) => {
        const error = await failure(call(undefined, 1000, t));
        expect(error.code).toBe(code);
        expect(error.message).toContain(`HTTP ${status}`);
      },
    ),
  );

  it("fails with UNKNOWN for a 200 reply that is not gRPC", () =>
    withTestUpstream(
      (stream) => {
        stream.respond({ ":status": 200, "content-type": "text/html" });
        stream.end("<html>");
      },
      async (_u, t) => {
        const error = await failure(call(undefined, 1000, t));
        expect(error.code).toBe(Code.UNKNOWN);
        expect(error.message).toContain('content-type "text/html"');
      },
    ));

  it.each([
    ["REFUSED_STREAM", http2.constants.NGHTTP2_REFUSED_STREAM, Code.UNAVAILABLE],
    ["CANCEL", http2.constants.NGHTTP2_CANCEL, Code.CANCELLED],
    ["ENHANCE_YOUR_CALM", http2.constants.NGHTTP2_ENHANCE_YOUR_CALM, Code.RESOURCE_EXHAUSTED],
    ["INADEQUATE_SECURITY", http2.constants.NGHTTP2_INADEQUATE_SECURITY, Code.PERMISSION_DENIED],
    ["INTERNAL_ERROR", http2.constants.NGHTTP2_INTERNAL_ERROR, Code.INTERNAL],
  ])("maps RST_STREAM %s to %s", (name, rstCode, code) =>
    withTestUpstream(
      (stream) => stream.close(rstCode),
      async (_u, t) => {
        const error = await failure(call(undefined, 1000, t));
        expect(error.code).toBe(code);
        expect(error.message).toContain(name);
      },
    ),
  );

  it("fails with RESOURCE_EXHAUSTED as soon as an over-limit length arrives, and cancels the stream", () => {
    const prefix = Buffer.from([0, 0, 0x98, 0x96, 0x80]); // 10,000,000 bytes, none of which come
    return withTestUpstream(
      (stream) => {
        stream.respond({ ":status": 200, "content-type": "application/grpc" });
        stream.write(prefix);
      },
      async (u, t) => {
        const started = Date.now();
        const error = await failure(call(undefined, 5000, t));
        expect(error.code).toBe(Code.RESOURCE_EXHAUSTED);
        expect(Date.now() - started).toBeLessThan(1000);
        expect(await u.closed(0)).toBe(http2.constants.NGHTTP2_CANCEL);
      },
      { maxMessageBytes: 1_000_000 },
    );
  });

  // Fake setTimeout/clearTimeout so that the count is exactly the transport's timers (I/O stays real).
  const fakeTimers = () => vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });

  it("cancels the stream at the deadline and leaves no timer behind", () =>
    withTestUpstream(
      () => {},
      async (u, t) => {
        fakeTimers();
        try {
          const pending = failure(call(undefined, 150, t));
          expect(vi.getTimerCount()).toBe(1);
          await vi.waitFor(() => expect(u.requests).toHaveLength(1));
          vi.advanceTimersByTime(150);
          expect((await pending).code).toBe(Code.DEADLINE_EXCEEDED);
          expect(vi.getTimerCount()).toBe(0);
        } finally {
          vi.useRealTimers();
        }
        expect(await u.closed(0)).toBe(http2.constants.NGHTTP2_CANCEL);
      },
    ));

  it("clears the deadline timer and the abort listener when a call succeeds", () => {
    let answer: () => void = () => {};
    return withTestUpstream(
      (stream) => {
        answer = () => grpcReply(stream, [ok({ took: 1 })]);
      },
      async (u, t) => {
        const controller = new AbortController();
        fakeTimers();
        try {
          const pending = call(controller.signal, 60_000, t);
          expect(vi.getTimerCount()).toBe(1);
          expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);
          await vi.waitFor(() => expect(u.requests).toHaveLength(1));
          answer();
          expect((await pending).took).toBe(1);
          expect(vi.getTimerCount()).toBe(0);
          expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
        } finally {
          vi.useRealTimers();
        }
      },
    );
  });

  it("cancels the stream when the caller aborts mid-call, removing its listener", () =>
    withTestUpstream(
      () => {},
      async (u, t) => {
        const controller = new AbortController();
        const pending = failure(call(controller.signal, 5000, t));
        await delay(50);
        controller.abort();
        const error = await pending;
        expect(error.code).toBe(Code.CANCELLED);
        expect(await u.closed(0)).toBe(http2.constants.NGHTTP2_CANCEL);
        expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
      },
    ));

  it("serves concurrent calls on one session", () =>
    withTestUpstream(
      (stream) => setTimeout(() => grpcReply(stream, [ok({ took: 1 })]), 10),
      async (u, t) => {
        const replies = await Promise.all(Array.from({ length: 50 }, () => call(undefined, 5000, t)));
        expect(replies.every((r) => r.took === 1)).toBe(true);
        expect(u.sessions()).toBe(1);
      },
    ));
});
