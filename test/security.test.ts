import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/app.js";
import type { ApiKeySpec } from "../src/auth/api-keys.js";
import { defaultConfig } from "../src/config.js";
import { createHttp2Transport } from "../src/grpc/http2/create-http2-transport.js";
import { Code } from "../src/grpc/status.js";
import { createJsonLogger } from "../src/logger.js";
import { type GatewayHarness, startGatewayHarness } from "./support/gateway-harness.js";
import { delay, StatusError, startRecordingUpstream } from "./support/recording-upstream.js";

const READER = "reader-key-0123456789";
const WRITER = "writer-key-0123456789";
const TENANT = "tenant-key-0123456789";
const WEAVIATE_KEY = "weaviate-secret-key-42";
const keys: ApiKeySpec[] = [
  { name: "reader", key: READER, collections: ["Article"], actions: ["read"], tenants: ["*"] },
  { name: "writer", key: WRITER, collections: ["Article"], actions: ["read", "write"], tenants: ["*"] },
  { name: "tenant", key: TENANT, collections: ["*"], actions: ["read", "write"], tenants: ["t1"] },
];
const bearer = (k: string) => ({ authorization: `Bearer ${k}` });
const obj = (tenant?: string) => ({ properties: { title: "x" }, ...(tenant && { tenant }) });

describe("access control with gateway keys", () => {
  let h: GatewayHarness;
  beforeAll(async () => {
    h = await startGatewayHarness({
      apiKey: WEAVIATE_KEY,
      auth: { mode: "keys", keys },
      corsOrigins: ["https://app.example"],
    });
  });
  afterAll(() => h.close());

  it("answers 401 without a key or with a wrong one, before any gRPC call", async () => {
    h.upstream.reset();
    expect((await h.post("/v1/collections/Article/search", {})).status).toBe(401);
    const wrong = await h.post("/v1/collections/Article/search", {}, bearer(`${READER}x`));
    expect(wrong.status).toBe(401);
    expect(wrong.body.type).toMatch(/unauthorized$/);
    expect(h.upstream.calls).toEqual([]);
  });

  it("lets a key read its collection and sends Weaviate's key, never the caller's", async () => {
    h.upstream.reset();
    const res = await h.post(
      "/v1/collections/article/search",
      {},
      { ...bearer(READER), "x-api-key": READER },
    );
    expect(res.status).toBe(200);
    const [call] = h.upstream.callsTo("Search");
    expect(call.metadata.authorization).toBe(`Bearer ${WEAVIATE_KEY}`);
    expect(JSON.stringify(call.metadata)).not.toContain(READER);
  });

  it("answers 403 outside the key's collections or actions, before any gRPC call", async () => {
    h.upstream.reset();
    const other = await h.post("/v1/collections/Secret/search", {}, bearer(READER));
    expect(other.status).toBe(403);
    expect(other.body.detail).toContain("collection Secret");
    const write = await h.post("/v1/collections/Article/objects/batch", { objects: [obj()] }, bearer(READER));
    expect(write.status).toBe(403);
    expect(write.body.detail).toContain("may not write");
    const del = await h.fetch("/v1/collections/Article/objects/00000000-0000-4000-8000-000000000001", {
      method: "DELETE",
      headers: bearer(WRITER),
    });
    expect(del.status).toBe(403);
    expect(h.upstream.calls).toEqual([]);
  });

  it("holds a tenant-limited key to its tenants, per request and per object", async () => {
    h.upstream.reset();
    expect((await h.post("/v1/collections/Article/search?tenant=t2", {}, bearer(TENANT))).status).toBe(403);
    expect((await h.post("/v1/collections/Article/search", {}, bearer(TENANT))).status).toBe(403);
    const mixed = await h.post(
      "/v1/collections/Article/objects/batch",
      { objects: [obj("t1"), obj("t1"), obj("t9")] },
      bearer(TENANT),
    );
    expect(mixed.status).toBe(403);
    expect(mixed.body.detail).toContain("tenant t9");
    expect(h.upstream.calls).toEqual([]);
    expect((await h.post("/v1/collections/Article/search", { tenant: "t1" }, bearer(TENANT))).status).toBe(
      200,
    );
    expect(h.upstream.callsTo("Search")[0].request).toMatchObject({ tenant: "t1" });
  });

  it("fails the lines of an NDJSON import outside the key's tenants, sending none of them", async () => {
    h.upstream.reset();
    const ndjson = (tenant: string) => `${JSON.stringify(obj(tenant))}\n`.repeat(3);
    const res = await h.fetch("/v1/collections/Article/objects/import", {
      method: "POST",
      headers: { ...bearer(TENANT), "content-type": "application/x-ndjson" },
      body: ndjson("t9"),
    });
    const lines = (await res.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.slice(0, 3).map((l) => [l.status, l.grpcCode])).toEqual(
      Array(3).fill(["failed", "PERMISSION_DENIED"]),
    );
    expect(lines[0].error).toContain("tenant t9");
    expect(h.upstream.callsTo("BatchObjects")).toEqual([]);
    const ok = await h.fetch("/v1/collections/Article/objects/import", {
      method: "POST",
      headers: { ...bearer(TENANT), "content-type": "application/x-ndjson" },
      body: ndjson("t1"),
    });
    expect(JSON.parse((await ok.text()).trim().split("\n").at(-1)!).summary).toMatchObject({ succeeded: 3 });
  });

  it("keeps health probes open", async () => {
    expect((await h.get("/healthz")).status).toBe(200);
    expect((await h.get("/readyz")).status).toBe(200);
  });

  it("puts security and CORS headers on errors too, so browsers can read a 401", async () => {
    const res = await h.fetch("/v1/collections/Article/search", {
      method: "POST",
      headers: { origin: "https://app.example", "content-type": "application/json" },
      body: "{}",
    });
    expect(res.status).toBe(401);
    expect(res.headers.get("access-control-allow-origin")).toBe("https://app.example");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("answers a preflight without a key", async () => {
    const res = await h.fetch("/v1/collections/Article/search", {
      method: "OPTIONS",
      headers: { origin: "https://app.example", "access-control-request-method": "POST" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("https://app.example");
  });
});

describe("what reaches Weaviate", () => {
  let h: GatewayHarness;
  beforeAll(async () => {
    h = await startGatewayHarness({ auth: { mode: "passthrough", keys: [keys[0]] } });
  });
  afterAll(() => h.close());

  it("forwards the caller's Authorization in passthrough mode, and only allow-listed headers", async () => {
    h.upstream.reset();
    const res = await h.post(
      "/v1/collections/Article/search",
      {},
      {
        authorization: "Bearer caller-weaviate-token",
        "x-api-key": READER,
        "x-openai-api-key": "sk-openai",
        traceparent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        "x-request-id": "req-1",
        cookie: "session=1",
        "x-forwarded-for": "10.0.0.1",
        "x-forwarded-host": "evil.example:50051",
        "x-random": "1",
      },
    );
    expect(res.status).toBe(200);
    const md = h.upstream.callsTo("Search")[0].metadata;
    expect(md).toMatchObject({
      authorization: "Bearer caller-weaviate-token",
      "x-openai-api-key": "sk-openai",
      traceparent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
      "x-request-id": "req-1",
    });
    for (const dropped of ["x-api-key", "cookie", "x-forwarded-for", "x-forwarded-host", "x-random"]) {
      expect(md[dropped]).toBeUndefined();
    }
  });

  it("checks the gateway key from X-API-Key in passthrough mode", async () => {
    const res = await h.post("/v1/collections/Article/search", {}, { authorization: "Bearer anything" });
    expect(res.status).toBe(401);
  });
});

describe("Weaviate's own key", () => {
  it("never appears in a response or a log line, even when Weaviate quotes it", async () => {
    const upstream = await startRecordingUpstream();
    const transport = createHttp2Transport({ url: upstream.url, maxMessageBytes: 1 << 20 });
    const lines: string[] = [];
    const app = createApp({
      transport,
      config: defaultConfig({ grpcUrl: upstream.url, apiKey: WEAVIATE_KEY }),
      logger: createJsonLogger("debug", (l) => lines.push(l)),
    });
    try {
      upstream.on("Search", () => {
        throw new StatusError(Code.UNAUTHENTICATED, `invalid api key: ${WEAVIATE_KEY}`);
      });
      upstream.on("BatchObjects", () => {
        throw new Error(`boom with ${WEAVIATE_KEY}`);
      });
      const search = await app.request("/v1/collections/A/search", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      });
      const batch = await app.request("/v1/collections/A/objects/batch", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ objects: [obj()] }),
      });
      expect(search.status).toBe(401);
      const texts = [await search.text(), await batch.text(), ...lines];
      for (const r of [search, batch]) texts.push(JSON.stringify([...r.headers]));
      expect(texts.join("\n")).toContain("[redacted]");
      expect(texts.join("\n")).not.toContain(WEAVIATE_KEY);
    } finally {
      await transport.close();
      await upstream.close();
    }
  });
});

describe("limits on every route", () => {
  let h: GatewayHarness;
  beforeAll(async () => {
    h = await startGatewayHarness({
      requestTimeoutMs: 300,
      limits: { maxBodyBytes: 1000, maxMessageBytes: 1 << 20 },
      rateLimit: { rps: 5, burst: 5 },
    });
  });
  afterAll(() => h.close());

  it("answers 504 problem at the request deadline and cancels the upstream call with it", async () => {
    h.upstream.on("Search", () => delay(2000));
    const started = Date.now();
    const res = await h.post("/v1/collections/Article/search", {});
    expect(res.status).toBe(504);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(Date.now() - started).toBeLessThan(1000);
    // The call's own deadline was cut to the request's, instead of GRPC_TIMEOUT_MS (30 s).
    expect(h.upstream.callsTo("Search")[0].deadline - started).toBeLessThan(1000);
    h.upstream.reset();
    await delay(1000); // refill the rate limit for the next test
  });

  it("answers 413 problem for a body over the limit", async () => {
    const res = await h.post("/v1/collections/Article/search", { filters: "x".repeat(2000) });
    expect(res.status).toBe(413);
    expect(res.body.type).toMatch(/payload-too-large$/);
  });

  it("answers 429 problem with Retry-After once a client passes its rate", async () => {
    await delay(1000);
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 8; i++) {
      const res = await h.get("/v1/collections/Article/objects");
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get("retry-after");
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(2);
    expect(statuses.slice(0, 4)).toEqual([200, 200, 200, 200]);
    expect(retryAfter).toBe("1");
  });
});
