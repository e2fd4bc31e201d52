import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { GatewayConfig } from "../src/config.js";
import { Code } from "../src/grpc/status.js";
import { type GatewayHarness, startGatewayHarness } from "./support/gateway-harness.js";
import * as oracle from "./support/oracle.js";
import { StatusError } from "./support/recording-upstream.js";

let gw: GatewayHarness;
beforeAll(async () => {
  gw = await startGatewayHarness({
    batch: { retries: 1, retryBaseMs: 1 },
  } as unknown as Partial<GatewayConfig>);
});
afterAll(() => gw.close());
beforeEach(() => gw.upstream.reset());

const ID = "5f1b6c1e-0a2b-4c3d-8e9f-0123456789ab";
const PATH = "/v1/collections/Article/objects";

describe("POST /v1/collections/{collection}/objects", () => {
  it("inserts or replaces one object and answers its id", async () => {
    const res = await gw.post(`${PATH}?consistencyLevel=ONE`, {
      id: ID,
      properties: { title: "x", tags: ["a"] },
      vectors: { title: [1, 2] },
      references: { author: [ID] },
      tenant: "t1",
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: ID });
    const req = oracle.BatchObjectsRequest.decode(gw.upstream.callsTo("BatchObjects")[0].bytes);
    expect(req.consistencyLevel).toBe(1);
    expect(req.objects).toHaveLength(1);
    const [o] = req.objects;
    expect(o).toMatchObject({ uuid: ID, collection: "Article", tenant: "t1" });
    expect(o.properties!.textArrayProperties).toEqual([{ propName: "tags", values: ["a"] }]);
    expect(o.properties!.singleTargetRefProps).toEqual([{ propName: "author", uuids: [ID] }]);
    expect(oracle.float32s(o.vectors[0].vectorBytes)).toEqual([1, 2]);
  });

  it("gives an object without id a deterministic id when asked, the same on every retry of the request", async () => {
    const body = { properties: { title: "webhook payload" }, ids: "deterministic" };
    const first = await gw.post(PATH, body);
    const second = await gw.post(PATH, body);
    expect(first.body.id).toBe(second.body.id);
    expect(first.body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5/);
  });

  it("answers 422 with Weaviate's message when it rejects the object", async () => {
    gw.upstream.on("BatchObjects", () => ({
      errors: [{ index: 0, error: "invalid text property 'n': not a string" }],
    }));
    const res = await gw.post(PATH, { properties: { n: 1 } });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ status: 422, detail: "invalid text property 'n': not a string" });
  });

  it("answers 404 when Weaviate does not know the collection", async () => {
    gw.upstream.on("BatchObjects", () => ({
      errors: [{ index: 0, error: "could not find class Article in schema" }],
    }));
    const res = await gw.post(PATH, {});
    expect(res.status).toBe(404);
  });

  it("answers the call's status when the call itself failed after retries", async () => {
    gw.upstream.on("BatchObjects", () => {
      throw new StatusError(Code.DEADLINE_EXCEEDED, "slow");
    });
    const res = await gw.post(PATH, {});
    expect(res.status).toBe(504);
    expect(res.body.grpcCode).toBe("DEADLINE_EXCEEDED");
    const ids = gw.upstream
      .callsTo("BatchObjects")
      .map((c) => oracle.BatchObjectsRequest.decode(c.bytes).objects[0].uuid);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
  });

  it("names the bad field without an object index, before any gRPC call", async () => {
    const res = await gw.post(PATH, { properties: { bad: [{ a: 1 }, 2] } });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe("properties.bad[1]");
    expect(gw.upstream.calls).toHaveLength(0);
  });
});
