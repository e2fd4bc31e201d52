import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Code } from "../src/grpc/status.js";
import { type GatewayHarness, startGatewayHarness } from "./support/gateway-harness.js";
import { StatusError } from "./support/recording-upstream.js";

let gw: GatewayHarness;
beforeAll(async () => {
  gw = await startGatewayHarness({
    apiKey: "upstream-key",
    limits: { maxBodyBytes: 2_000, maxMessageBytes: 104_858_000 },
  });
});
afterAll(() => gw.close());
beforeEach(() => gw.upstream.reset());

const RPC = "/v1/rpc/weaviate.v1.Weaviate";

describe("POST /v1/rpc/weaviate.v1.Weaviate/{Method}", () => {
  it("sends the proto3 JSON body as the request message and answers the reply as proto3 JSON", async () => {
    gw.upstream.on("Aggregate", () => ({
      took: 0.5,
      singleResult: { objectsCount: 9_007_199_254_740_993n },
    }));
    const res = await gw.post(`${RPC}/Aggregate`, {
      collection: "Article",
      objectsCount: true,
      filters: { operator: "OPERATOR_GREATER_THAN", target: { property: "year" }, valueInt: "2020" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    // int64 beyond 2^53 comes back exact, as a decimal string (proto3 JSON), never a rounded number.
    expect(res.body).toEqual({ took: 0.5, singleResult: { objectsCount: "9007199254740993" } });
    const [call] = gw.upstream.callsTo("Aggregate");
    expect(call.request).toMatchObject({ collection: "Article", objectsCount: true });
    expect((call.request as { filters: { valueInt: bigint } }).filters.valueInt).toBe(2020n);
  });

  it("reaches every unary method of the service, with the same metadata policy as the friendly routes", async () => {
    gw.upstream.on("TenantsGet", () => ({ took: 1, tenants: [{ name: "t1", activityStatus: 1 }] }));
    const res = await gw.post(`${RPC}/TenantsGet`, { collection: "Article" }, { "x-request-id": "rpc-1" });
    expect(res.status).toBe(200);
    expect(res.body.tenants).toEqual([{ name: "t1", activityStatus: "TENANT_ACTIVITY_STATUS_HOT" }]);
    const [call] = gw.upstream.callsTo("TenantsGet");
    expect(call.metadata.authorization).toBe("Bearer upstream-key");
    expect(call.metadata["x-request-id"]).toBe("rpc-1");
    for (const method of ["Search", "BatchObjects", "BatchReferences", "BatchDelete"]) {
      expect((await gw.post(`${RPC}/${method}`, {})).status).toBe(200);
    }
    expect(gw.upstream.calls.map((c) => c.method)).toEqual([
      "TenantsGet",
      "Search",
      "BatchObjects",
      "BatchReferences",
      "BatchDelete",
    ]);
  });

  it("answers 404 for an unknown method and for the streaming BatchStream", async () => {
    for (const method of ["Nope", "BatchStream"]) {
      const res = await gw.post(`${RPC}/${method}`, {});
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(res.body.detail).toContain(`no unary method ${method}`);
    }
    expect(gw.upstream.calls).toHaveLength(0);
  });

  it("answers 400 for JSON that is not a readable request message, before calling Weaviate", async () => {
    const bad = await gw.post(`${RPC}/Search`, {
      collection: "A",
      filters: { operator: "OPERATOR_EQUAL", valueInt: "not a number" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/not a valid request message/);
    expect((await gw.post(`${RPC}/Search`, [1, 2])).status).toBe(400);
    expect((await gw.post(`${RPC}/Search`, "{oops")).status).toBe(400);
    expect(gw.upstream.calls).toHaveLength(0);
  });

  it("applies the body limit and maps Weaviate's errors like every other route", async () => {
    const big = await gw.post(`${RPC}/Search`, { collection: "x".repeat(3_000) });
    expect(big.status).toBe(413);
    gw.upstream.on("Search", () => {
      throw new StatusError(Code.UNAVAILABLE, "connection refused");
    });
    const down = await gw.post(`${RPC}/Search`, { collection: "Article" });
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ grpcCode: "UNAVAILABLE" });
    gw.upstream.on("Search", () => {
      throw new StatusError(Code.UNKNOWN, 'could not find class "Nope" in schema');
    });
    const missing = await gw.post(`${RPC}/Search`, { collection: "Nope" });
    expect(missing.status).toBe(404);
  });
});
