import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Code } from "../src/grpc/status.js";
import { type GatewayHarness, startGatewayHarness } from "./support/gateway-harness.js";
import * as oracle from "./support/oracle.js";
import { StatusError } from "./support/recording-upstream.js";

let gw: GatewayHarness;
beforeAll(async () => {
  gw = await startGatewayHarness();
});
afterAll(() => gw.close());
beforeEach(() => gw.upstream.reset());

const ID = "5f1b6c1e-0a2b-4c3d-8e9f-0123456789ab";

function received() {
  const [call] = gw.upstream.callsTo("BatchObjects");
  expect(call).toBeDefined();
  return oracle.BatchObjectsRequest.decode(call.bytes);
}

describe("POST /v1/collections/{collection}/objects/batch", () => {
  it("types properties the way Weaviate's TypeScript client does", async () => {
    const res = await gw.post("/v1/collections/Article/objects/batch", {
      objects: [
        {
          id: ID,
          properties: {
            title: "Hello",
            price: 9.5,
            count: 3,
            ok: false,
            when: "2026-01-02T03:04:05Z",
            tags: ["a", "b"],
            flags: [true, false],
            ranks: [1, 2, 3],
            scores: [1.5, 2],
            none: [],
            where: { latitude: 52.5, longitude: 13.4 },
            phone: { input: "020 1234", defaultCountry: "nl" },
            address: { city: "Berlin", zip: [10115] },
            stops: [{ n: 1 }, { n: 2 }],
          },
          vector: [0.5, 0.25],
          vectors: {
            colbert: [
              [1, 2],
              [3, 4],
            ],
          },
          references: { writtenBy: [ID], related: { collection: "Note", ids: [ID] } },
        },
      ],
      tenant: "t1",
      consistencyLevel: "ALL",
    });
    expect(res.status).toBe(200);
    const req = received();
    expect(req.consistencyLevel).toBe(3);
    const [o] = req.objects;
    expect(o).toMatchObject({ uuid: ID, collection: "Article", tenant: "t1" });
    const p = o.properties!;
    expect(p.nonRefProperties).toEqual({
      title: "Hello",
      price: 9.5,
      count: 3,
      ok: false,
      when: "2026-01-02T03:04:05Z",
      where: { latitude: 52.5, longitude: 13.4 },
      phone: { input: "020 1234", defaultCountry: "nl" },
    });
    expect(p.textArrayProperties).toEqual([{ propName: "tags", values: ["a", "b"] }]);
    expect(p.booleanArrayProperties).toEqual([{ propName: "flags", values: [true, false] }]);
    expect(p.intArrayProperties).toEqual([{ propName: "ranks", values: [1, 2, 3] }]);
    expect(p.numberArrayProperties).toHaveLength(1);
    expect(p.numberArrayProperties[0].propName).toBe("scores");
    expect(oracle.float64s(p.numberArrayProperties[0].valuesBytes)).toEqual([1.5, 2]);
    expect(p.emptyListProps).toEqual(["none"]);
    expect(p.objectProperties).toHaveLength(1);
    expect(p.objectProperties[0].propName).toBe("address");
    expect(p.objectProperties[0].value?.nonRefProperties).toEqual({ city: "Berlin" });
    expect(p.objectProperties[0].value?.intArrayProperties).toEqual([{ propName: "zip", values: [10115] }]);
    expect(p.objectArrayProperties[0].propName).toBe("stops");
    expect(p.objectArrayProperties[0].values.map((v) => v.nonRefProperties)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(p.singleTargetRefProps).toEqual([{ propName: "writtenBy", uuids: [ID] }]);
    expect(p.multiTargetRefProps).toEqual([{ propName: "related", uuids: [ID], targetCollection: "Note" }]);
    expect(oracle.float32s(o.vectorBytes)).toEqual([0.5, 0.25]);
    expect(o.vectors).toHaveLength(1);
    expect(o.vectors[0]).toMatchObject({ name: "colbert", type: 2 });
    const header = o.vectors[0].vectorBytes;
    expect(header[0] | (header[1] << 8)).toBe(2);
    expect(oracle.float32s(header.slice(2))).toEqual([1, 2, 3, 4]);
  });

  it("answers one result per object in input order, mapping BatchError indexes back", async () => {
    gw.upstream.on("BatchObjects", () => ({
      took: 0.002,
      errors: [{ index: 1, error: "invalid property 'x'" }],
    }));
    const res = await gw.post("/v1/collections/Article/objects/batch", {
      objects: [{ properties: { a: 1 } }, { id: ID, properties: { x: 1 } }, { properties: {} }],
    });
    expect(res.status).toBe(200);
    expect(res.body.succeeded).toBe(2);
    expect(res.body.failed).toBe(1);
    expect(res.body.results.map((r: { index: number; status: string }) => [r.index, r.status])).toEqual([
      [0, "success"],
      [1, "failed"],
      [2, "success"],
    ]);
    expect(res.body.results[1]).toMatchObject({ id: ID, error: "invalid property 'x'" });
    const sent = received().objects.map((o) => o.uuid);
    expect(sent[1]).toBe(ID);
    expect(res.body.results.map((r: { id: string }) => r.id)).toEqual(sent);
    expect(new Set(sent).size).toBe(3);
  });

  it("gives every object a valid v4 id before sending", async () => {
    await gw.post("/v1/collections/Article/objects/batch", { objects: [{}, {}] });
    for (const o of received().objects)
      expect(o.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("rejects untypeable properties with their object index, before any gRPC call", async () => {
    const res = await gw.post("/v1/collections/Article/objects/batch", {
      objects: [{ properties: { ok: "x" } }, { properties: { mixed: [1, "a"], deep: [[1]] } }],
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual([
      "objects[1].properties.mixed[1]",
      "objects[1].properties.deep",
    ]);
    expect(gw.upstream.calls).toHaveLength(0);
  });

  it("rejects an empty batch and a bad id", async () => {
    const empty = await gw.post("/v1/collections/Article/objects/batch", { objects: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].path).toBe("objects");
    const badId = await gw.post("/v1/collections/Article/objects/batch", { objects: [{ id: "nope" }] });
    expect(badId.status).toBe(400);
    expect(badId.body.errors[0].path).toBe("objects[0].id");
  });

  it("maps an upstream status to its HTTP status with a problem body", async () => {
    gw.upstream.on("BatchObjects", () => {
      throw new StatusError(Code.UNAVAILABLE, "connection refused");
    });
    const res = await gw.post("/v1/collections/Article/objects/batch", { objects: [{}] });
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ status: 503, grpcCode: "UNAVAILABLE", detail: "connection refused" });
  });
});
