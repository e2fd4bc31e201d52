import { type AddressInfo, createServer, type Server, type Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { createApp } from "../src/app.js";
import { defaultConfig, type GatewayConfig } from "../src/config.js";
import { createHttp2Transport } from "../src/grpc/http2/create-http2-transport.js";
import { Code } from "../src/grpc/status.js";
import {
  delay,
  RawReply,
  type RecordingUpstream,
  StatusError,
  startRecordingUpstream,
} from "./support/recording-upstream.js";

/**
 * The gateway in front of an upstream that misbehaves: slow, absent, dying mid-call, restarting, or
 * answering errors and garbage. Every answer must be a problem with the right status, within the deadline.
 */
const DEADLINE_MS = 400;

function gatewayTo(url: string, overrides: Partial<GatewayConfig> = {}) {
  const config = defaultConfig({
    grpcUrl: url,
    timeouts: { defaultMs: DEADLINE_MS, batchMs: DEADLINE_MS },
    ...overrides,
  });
  const transport = createHttp2Transport({ url, maxMessageBytes: 1 << 20, maxReconnectBackoffMs: 200 });
  const app = createApp({ transport, config });
  const post = async (path: string, body: unknown) => {
    const started = Date.now();
    const res = await app.request(path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: JSON.parse(text), ms: Date.now() - started };
  };
  return { post, close: () => transport.close() };
}

const search = (g: ReturnType<typeof gatewayTo>) => g.post("/v1/collections/Article/search", {});

function expectProblem(res: { status: number; headers: Headers; body: unknown }, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  expect(res.body).toMatchObject({ status, type: expect.any(String), title: expect.any(String) });
}

async function withUpstream(fn: (u: RecordingUpstream) => Promise<void>) {
  const u = await startRecordingUpstream();
  try {
    await fn(u);
  } finally {
    await u.close();
  }
}

describe("upstream faults", () => {
  it("a slow upstream gets 504 DEADLINE_EXCEEDED at the call deadline, not later", () =>
    withUpstream(async (u) => {
      u.on("Search", () => delay(5000));
      const g = gatewayTo(u.url);
      const res = await search(g);
      expectProblem(res, 504);
      expect(res.body.grpcCode).toBe("DEADLINE_EXCEEDED");
      expect(res.ms).toBeLessThan(DEADLINE_MS + 500);
      await g.close();
    }));

  it("a refused connection gets 503 UNAVAILABLE with Retry-After, within the deadline", async () => {
    const u = await startRecordingUpstream();
    await u.close();
    const g = gatewayTo(u.url);
    const res = await search(g);
    expectProblem(res, 503);
    expect(res.body.grpcCode).toMatch(/UNAVAILABLE|DEADLINE_EXCEEDED/);
    expect(res.ms).toBeLessThan(DEADLINE_MS + 500);
    await g.close();
  });

  it.each([
    [Code.UNAVAILABLE, 503, "1"],
    [Code.RESOURCE_EXHAUSTED, 429, "1"],
    [Code.INTERNAL, 500, null],
  ])("an upstream status %i answers HTTP %i with a problem", (code, status, retryAfter) =>
    withUpstream(async (u) => {
      u.on("Search", () => {
        throw new StatusError(code, "injected");
      });
      const g = gatewayTo(u.url);
      const res = await search(g);
      expectProblem(res, status);
      expect(res.headers.get("retry-after")).toBe(retryAfter);
      await g.close();
    }),
  );

  it("an upstream dying mid-call gets a 503 problem at once, not a hang", () =>
    withUpstream(async (u) => {
      u.on("Search", async () => {
        setTimeout(() => u.kill(), 50);
        await delay(5000);
      });
      const g = gatewayTo(u.url, { timeouts: { defaultMs: 10_000, batchMs: 10_000 } });
      const res = await search(g);
      expectProblem(res, 503);
      expect(res.body.grpcCode).toBe("UNAVAILABLE");
      expect(res.ms).toBeLessThan(2000);
      await g.close();
    }));

  it("a reply that is not protobuf gets a 5xx problem naming the gRPC code", () =>
    withUpstream(async (u) => {
      u.on("Search", () => new RawReply(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f, 0x08])));
      const g = gatewayTo(u.url);
      const res = await search(g);
      expect(res.status).toBeGreaterThanOrEqual(500);
      expectProblem(res, res.status);
      expect(res.body.grpcCode).toBeDefined();
      expect(res.ms).toBeLessThan(DEADLINE_MS + 500);
      await g.close();
    }));

  it("a server answering garbage bytes instead of HTTP/2 gets a 503 problem within the deadline", async () => {
    const sockets = new Set<Socket>();
    const garbage: Server = createServer((socket) => {
      sockets.add(socket);
      socket.on("error", () => {});
      socket.end(Buffer.from("HTTP/1.1 200 OK\r\n\r\nthis is not gRPC \u0000\u0001\u0002"));
    });
    await new Promise<void>((r) => garbage.listen(0, "127.0.0.1", r));
    const { port } = garbage.address() as AddressInfo;
    const g = gatewayTo(`grpc://127.0.0.1:${port}`);
    try {
      const res = await search(g);
      expectProblem(res, res.status);
      expect([503, 504]).toContain(res.status);
      expect(res.ms).toBeLessThan(DEADLINE_MS + 500);
    } finally {
      await g.close();
      // The channel keeps redialling; close() waits for every socket, so cut them first.
      for (const s of sockets) s.destroy();
      await new Promise((r) => garbage.close(r));
    }
  });

  it("reconnects by itself when a restarted upstream returns on the same port", async () => {
    const first = await startRecordingUpstream();
    const g = gatewayTo(first.url);
    try {
      expect((await search(g)).status).toBe(200);
      first.kill();
      expectProblem(await search(g), 503);
      const second = await startRecordingUpstream(first.port);
      try {
        let status = 0;
        const until = Date.now() + 5000;
        while (status !== 200 && Date.now() < until) {
          status = (await search(g)).status;
          if (status !== 200) await delay(100);
        }
        expect(status).toBe(200);
        expect(second.callsTo("Search").length).toBeGreaterThan(0);
      } finally {
        await second.close();
      }
    } finally {
      await g.close();
    }
  });

  it("a batch in flight when the upstream dies reports every object's fate, once, in order", () =>
    withUpstream(async (u) => {
      let calls = 0;
      u.on("BatchObjects", async () => {
        calls++;
        if (calls === 2) {
          setTimeout(() => u.kill(), 30);
          await delay(5000);
        }
        return {};
      });
      const g = gatewayTo(u.url, {
        timeouts: { defaultMs: 2000, batchMs: 2000 },
        batch: { ...defaultConfig().batch, chunkObjects: 10, concurrency: 1, retries: 1, retryBaseMs: 10 },
      });
      const objects = Array.from({ length: 30 }, (_, i) => ({ properties: { n: i } }));
      const res = await g.post("/v1/collections/Article/objects/batch", { objects });
      expect(res.status).toBe(200);
      const results = res.body.results as { index: number; status: string; id: string; error?: string }[];
      expect(results.map((r) => r.index)).toEqual(objects.map((_, i) => i));
      expect(results.slice(0, 10).every((r) => r.status === "success")).toBe(true);
      expect(results.slice(10).every((r) => r.status === "failed" && r.error)).toBe(true);
      expect(new Set(results.map((r) => r.id)).size).toBe(30);
      expect(res.body).toMatchObject({ succeeded: 10, failed: 20 });
      await g.close();
    }));
});
