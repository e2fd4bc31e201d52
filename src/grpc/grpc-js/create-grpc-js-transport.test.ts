import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  delay,
  type RecordingUpstream,
  StatusError,
  startRecordingUpstream,
} from "../../../test/support/recording-upstream.js";
import { Any } from "../../gen/google/protobuf/any.js";
import { ErrorInfo, Status } from "../../gen/google/rpc/status.js";
import { methods } from "../methods.js";
import { Code, GrpcError } from "../status.js";
import type { Transport } from "../transport.js";
import { createGrpcJsTransport } from "./create-grpc-js-transport.js";

let upstream: RecordingUpstream;
let transport: Transport;
beforeAll(async () => {
  upstream = await startRecordingUpstream();
  transport = createGrpcJsTransport({ url: upstream.url });
});
afterAll(async () => {
  await transport.close();
  await upstream.close();
});
beforeEach(() => upstream.reset());

const call = (signal?: AbortSignal, timeoutMs = 1000) =>
  transport.unary(
    methods.search,
    { collection: "A" },
    { metadata: new Headers({ "x-request-id": "r" }), timeoutMs, signal },
  );

describe("grpc-js transport", () => {
  it("sends the encoded request with its metadata and decodes the reply", async () => {
    upstream.on("Search", () => ({ took: 0.5 }));
    const reply = await call();
    expect(reply.took).toBe(0.5);
    expect(upstream.calls[0]).toMatchObject({
      method: "Search",
      request: { collection: "A" },
      metadata: { "x-request-id": "r" },
    });
  });

  it("surfaces a status with its code, message and ErrorInfo details", async () => {
    const info = ErrorInfo.encode({
      reason: "USAGE_LIMIT",
      domain: "weaviate.usagelimits",
      metadata: { limit: "10" },
    }).finish();
    const status = Status.encode({
      code: Code.RESOURCE_EXHAUSTED,
      message: "over limit",
      details: [Any.fromPartial({ typeUrl: "type.googleapis.com/google.rpc.ErrorInfo", value: info })],
    }).finish();
    upstream.on("Search", () => {
      throw new StatusError(Code.RESOURCE_EXHAUSTED, "over limit", status);
    });
    const error = (await call().catch((e) => e)) as GrpcError;
    expect(error).toBeInstanceOf(GrpcError);
    expect(error.code).toBe(Code.RESOURCE_EXHAUSTED);
    expect(error.message).toBe("over limit");
    expect(error.details).toEqual([
      {
        type: "type.googleapis.com/google.rpc.ErrorInfo",
        reason: "USAGE_LIMIT",
        domain: "weaviate.usagelimits",
        metadata: { limit: "10" },
      },
    ]);
  });

  it("fails with DEADLINE_EXCEEDED at the deadline", async () => {
    upstream.on("Search", () => delay(1000));
    const error = (await call(undefined, 100).catch((e) => e)) as GrpcError;
    expect(error.code).toBe(Code.DEADLINE_EXCEEDED);
  });

  it("cancels the call when the signal aborts", async () => {
    upstream.on("Search", () => delay(1000));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = (await call(controller.signal).catch((e) => e)) as GrpcError;
    expect(error.code).toBe(Code.CANCELLED);
  });

  it("fails with UNAVAILABLE when nothing listens, then reconnects when the upstream returns", async () => {
    const port = upstream.port;
    const lone = await startRecordingUpstream();
    const t = createGrpcJsTransport({ url: lone.url, maxReconnectBackoffMs: 200 });
    const lonePort = lone.port;
    await lone.close();
    const error = (await t
      .unary(methods.search, {}, { metadata: new Headers(), timeoutMs: 500 })
      .catch((e) => e)) as GrpcError;
    expect([Code.UNAVAILABLE, Code.DEADLINE_EXCEEDED]).toContain(error.code);
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
    expect(port).not.toBe(lonePort);
    await t.close();
    await back.close();
  });
});
