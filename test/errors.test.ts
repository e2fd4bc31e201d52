import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Code } from "../src/grpc/status.js";
import { type GatewayHarness, startGatewayHarness } from "./support/gateway-harness.js";
import { delay, StatusError } from "./support/recording-upstream.js";

let gw: GatewayHarness;
beforeAll(async () => {
  gw = await startGatewayHarness({
    apiKey: "top-secret-weaviate-key",
    timeouts: { defaultMs: 300, batchMs: 300 },
  });
});
afterAll(() => gw.close());
beforeEach(() => gw.upstream.reset());

const search = (body: unknown = {}) => gw.post("/v1/collections/Article/search", body);

describe("error handling", () => {
  it("answers unknown routes with a 404 problem", async () => {
    const res = await gw.get("/v1/nothing");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.body).toMatchObject({ status: 404, title: "Not found" });
  });

  it("answers a wrong method with 405 and an Allow header", async () => {
    const res = await gw.get("/v1/collections/Article/search");
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
    expect(res.body.status).toBe(405);
  });

  it("answers malformed JSON with 400 and a wrong content type with 415", async () => {
    const bad = await gw.post("/v1/collections/Article/search", "{not json");
    expect(bad.status).toBe(400);
    expect(bad.body.title).toBe("Malformed JSON");
    const res = await gw.fetch("/v1/collections/Article/search", {
      method: "POST",
      body: "{}",
      headers: { "content-type": "text/plain" },
    });
    expect(res.status).toBe(415);
  });

  it("answers 413 for a body over the limit before parsing it", async () => {
    const small = await startGatewayHarness({ limits: { maxBodyBytes: 100, maxMessageBytes: 104_858_000 } });
    try {
      const res = await small.post("/v1/collections/Article/search", {
        filters: { property: "a", operator: "equal", value: "x".repeat(200) },
      });
      expect(res.status).toBe(413);
      expect(small.upstream.calls).toHaveLength(0);
    } finally {
      await small.close();
    }
  });

  it.each([
    [Code.UNAVAILABLE, "unavailable", 503],
    [Code.PERMISSION_DENIED, "forbidden", 403],
    [Code.UNAUTHENTICATED, "no api key", 401],
    [Code.RESOURCE_EXHAUSTED, "usage limit", 429],
    [Code.INVALID_ARGUMENT, "bad", 400],
    [Code.FAILED_PRECONDITION, "restricted", 400],
    [Code.NOT_FOUND, "nope", 404],
    [Code.UNIMPLEMENTED, "nope", 501],
    [Code.INTERNAL, "boom", 500],
    [Code.UNKNOWN, "could not find class Article in schema", 404],
    [Code.UNKNOWN, "invalid 'where' filter: unknown operator", 400],
    [Code.UNKNOWN, "no vectorizer module configured for class Article", 422],
    [Code.UNKNOWN, "something odd happened", 502],
    [Code.UNKNOWN, "get tenants: failed to execute query: could not get tenants: class not found", 404],
    [Code.UNKNOWN, "extract auth: unauthorized: invalid api key", 401],
    [Code.UNKNOWN, "forbidden: user lacks read on Article", 403],
  ])("maps gRPC %s (%s) to HTTP %i", async (code, message, status) => {
    gw.upstream.on("Search", () => {
      throw new StatusError(code, message);
    });
    const res = await search();
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ status, detail: message, grpcCode: Code[code] });
  });

  it("answers 504 when the upstream is slower than the deadline, without waiting for it", async () => {
    gw.upstream.on("Search", () => delay(2000));
    const started = performance.now();
    const res = await search();
    expect(res.status).toBe(504);
    expect(res.body.grpcCode).toBe("DEADLINE_EXCEEDED");
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it("never shows the Weaviate key in an error", async () => {
    gw.upstream.on("Search", (_req, call) => {
      throw new StatusError(Code.UNKNOWN, `rejected ${call.metadata.authorization}`);
    });
    const res = await search();
    expect(JSON.stringify(res.body)).not.toContain("top-secret-weaviate-key");
  });
});

describe("health", () => {
  it("answers /healthz without calling upstream", async () => {
    const res = await gw.get("/healthz");
    expect(res.status).toBe(200);
    expect(gw.upstream.calls).toHaveLength(0);
  });

  it("answers /readyz from grpc.health.v1.Health/Check", async () => {
    const res = await gw.get("/readyz");
    expect(res.status).toBe(200);
    expect(gw.upstream.callsTo("Check")).toHaveLength(1);
  });

  it("answers /readyz 503 with a problem when the health check fails", async () => {
    gw.upstream.on("Check", () => {
      throw new StatusError(Code.UNAVAILABLE, "down");
    });
    const res = await gw.get("/readyz");
    expect(res.status).toBe(503);
    expect(res.body.grpcCode).toBe("UNAVAILABLE");
  });

  it("answers /readyz 503 when nothing listens upstream", async () => {
    const other = await startGatewayHarness();
    await other.upstream.close();
    const res = await other.get("/readyz");
    expect(res.status).toBe(503);
    await other.close();
  });
});
