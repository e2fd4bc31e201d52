import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type GatewayHarness, startGatewayHarness } from "./support/gateway-harness.js";
import * as oracle from "./support/oracle.js";

let gw: GatewayHarness;
beforeAll(async () => {
  gw = await startGatewayHarness();
});
afterAll(() => gw.close());
beforeEach(() => gw.upstream.reset());

const ID = "5f1b6c1e-0a2b-4c3d-8e9f-0123456789ab";
const ID2 = "6e2c7d2f-1b3c-4d4e-9fa0-123456789abc";

async function sendOne(object: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const res = await gw.post("/v1/collections/Article/objects/batch", { objects: [object], ...extra });
  expect(res.status).toBe(200);
  const [call] = gw.upstream.callsTo("BatchObjects");
  return { res, req: oracle.BatchObjectsRequest.decode(call.bytes) };
}

describe("property typing at the wire (weaviate-wire.md §5, §8)", () => {
  it("puts dates, uuids and blobs as strings and null as null in the Struct", async () => {
    const { req } = await sendOne({
      properties: { when: "2026-01-02T03:04:05Z", ref: ID, blob: "aGVsbG8=", gone: null },
    });
    expect(req.objects[0].properties!.nonRefProperties).toEqual({
      when: "2026-01-02T03:04:05Z",
      ref: ID,
      blob: "aGVsbG8=",
      gone: null,
    });
  });

  it("sends date and uuid arrays as text arrays", async () => {
    const { req } = await sendOne({ properties: { dates: ["2026-01-02T03:04:05Z"], ids: [ID, ID2] } });
    expect(req.objects[0].properties!.textArrayProperties).toEqual([
      { propName: "dates", values: ["2026-01-02T03:04:05Z"] },
      { propName: "ids", values: [ID, ID2] },
    ]);
  });

  it("sends a number array with one fraction as float64 bytes, an all-integer one as int64", async () => {
    const { req } = await sendOne({ properties: { mixed: [1, 2.5, -3], whole: [-1, 0, 2 ** 40] } });
    const p = req.objects[0].properties!;
    expect(p.numberArrayProperties.map((n) => [n.propName, oracle.float64s(n.valuesBytes)])).toEqual([
      ["mixed", [1, 2.5, -3]],
    ]);
    expect(p.numberArrayProperties[0].values).toEqual([]);
    expect(p.intArrayProperties).toEqual([{ propName: "whole", values: [-1, 0, 2 ** 40] }]);
  });

  it("types nested objects recursively, inside objects and inside object arrays", async () => {
    const { req } = await sendOne({
      properties: {
        owner: { name: "a", tags: ["x"], empty: [], home: { city: "b", scores: [0.5] } },
        stops: [{ at: "2026-01-02T03:04:05Z", flags: [true] }],
      },
    });
    const p = req.objects[0].properties!;
    const owner = p.objectProperties[0].value!;
    expect(owner.nonRefProperties).toEqual({ name: "a" });
    expect(owner.textArrayProperties).toEqual([{ propName: "tags", values: ["x"] }]);
    expect(owner.emptyListProps).toEqual(["empty"]);
    const home = owner.objectProperties[0];
    expect(home.propName).toBe("home");
    expect(home.value!.nonRefProperties).toEqual({ city: "b" });
    expect(oracle.float64s(home.value!.numberArrayProperties[0].valuesBytes)).toEqual([0.5]);
    const stop = p.objectArrayProperties[0].values[0];
    expect(stop.nonRefProperties).toEqual({ at: "2026-01-02T03:04:05Z" });
    expect(stop.booleanArrayProperties).toEqual([{ propName: "flags", values: [true] }]);
  });

  it("keeps geo and phone values in the Struct rather than as nested objects", async () => {
    const { req } = await sendOne({
      properties: { at: { latitude: 1.5, longitude: -2 }, tel: { input: "+31 20 123" } },
    });
    const p = req.objects[0].properties!;
    expect(p.nonRefProperties).toEqual({
      at: { latitude: 1.5, longitude: -2 },
      tel: { input: "+31 20 123" },
    });
    expect(p.objectProperties).toEqual([]);
  });
});

describe("vector forms at the wire", () => {
  it("sends an unnamed single vector as float32 vector_bytes", async () => {
    const { req } = await sendOne({ vector: [0.1, -2, 3.5] });
    expect(oracle.float32s(req.objects[0].vectorBytes)).toEqual([Math.fround(0.1), -2, 3.5]);
    expect(req.objects[0].vectors).toEqual([]);
  });

  it("sends an unnamed multi-vector as a MULTI_FP32 entry with its uint16 dimension header", async () => {
    const { req } = await sendOne({
      vector: [
        [1, 2, 3],
        [4, 5, 6],
      ],
    });
    const [v] = req.objects[0].vectors;
    expect(v).toMatchObject({ name: "", type: 2 });
    expect(new DataView(v.vectorBytes.buffer, v.vectorBytes.byteOffset).getUint16(0, true)).toBe(3);
    expect(oracle.float32s(v.vectorBytes.slice(2))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(req.objects[0].vectorBytes).toHaveLength(0);
  });

  it("sends named vectors keyed by name, single as SINGLE_FP32 and multi as MULTI_FP32", async () => {
    const { req } = await sendOne({ vectors: { title: [0.5, 0.25], colbert: [[1], [2]] } });
    const byName = Object.fromEntries(req.objects[0].vectors.map((v) => [v.name, v]));
    expect(byName.title.type).toBe(1);
    expect(oracle.float32s(byName.title.vectorBytes)).toEqual([0.5, 0.25]);
    expect(byName.colbert.type).toBe(2);
    expect(Array.from(byName.colbert.vectorBytes.slice(0, 2))).toEqual([1, 0]);
    expect(oracle.float32s(byName.colbert.vectorBytes.slice(2))).toEqual([1, 2]);
  });
});

describe("references, tenant and consistency", () => {
  it("sends single-target references as ids and multi-target ones with their collection", async () => {
    const { req } = await sendOne({
      references: { author: [ID, ID2], seeAlso: { collection: "Note", ids: [ID2] } },
    });
    const p = req.objects[0].properties!;
    expect(p.singleTargetRefProps).toEqual([{ propName: "author", uuids: [ID, ID2] }]);
    expect(p.multiTargetRefProps).toEqual([{ propName: "seeAlso", uuids: [ID2], targetCollection: "Note" }]);
  });

  it("applies the request tenant unless an object names its own, and sends the consistency level", async () => {
    const res = await gw.post("/v1/collections/Article/objects/batch?consistencyLevel=QUORUM", {
      objects: [{}, { tenant: "other" }],
      tenant: "t1",
    });
    expect(res.status).toBe(200);
    const req = oracle.BatchObjectsRequest.decode(gw.upstream.callsTo("BatchObjects")[0].bytes);
    expect(req.objects.map((o) => o.tenant)).toEqual(["t1", "other"]);
    expect(req.consistencyLevel).toBe(2);
  });
});

describe("ids", () => {
  it("derives the same v5 id for the same content with ids=deterministic, so re-sending replaces", async () => {
    const object = { properties: { title: "x", n: 1 }, vector: [1, 2] };
    const reordered = { vector: [1, 2], properties: { n: 1, title: "x" } };
    const first = await gw.post("/v1/collections/Article/objects/batch", {
      objects: [object],
      ids: "deterministic",
    });
    const again = await gw.post("/v1/collections/Article/objects/batch", {
      objects: [reordered, { properties: { title: "y" } }],
      ids: "deterministic",
    });
    const [a] = first.body.results;
    const [b, c] = again.body.results;
    expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(b.id).toBe(a.id);
    expect(c.id).not.toBe(a.id);
    const sent = gw.upstream
      .callsTo("BatchObjects")
      .flatMap((call) => oracle.BatchObjectsRequest.decode(call.bytes).objects.map((o) => o.uuid));
    expect(sent).toEqual([a.id, b.id, c.id]);
  });

  it("keeps an id the caller gave, lowercased", async () => {
    const { res } = await sendOne({ id: ID.toUpperCase() }, { ids: "deterministic" });
    expect(res.body.results[0].id).toBe(ID);
  });
});

describe("validation before any gRPC call", () => {
  it.each([
    // JSON.stringify would turn Infinity into null: these bodies are sent as text, as a client would.
    [
      "a non-finite property number",
      '{"objects":[{},{"properties":{"n":1e999}}]}',
      "objects[1].properties.n",
    ],
    ["a non-finite vector value", '{"objects":[{"vector":[1,-1e999]}]}', "objects[0].vector"],
    ["a ragged multi-vector", { objects: [{ vector: [[1, 2], [3]] }] }, "objects[0].vector"],
    ["an empty named vector", { objects: [{ vectors: { v: [] } }] }, "objects[0].vectors.v"],
    ["a bad reference id", { objects: [{}, {}, { references: { r: ["nope"] } }] }, "objects[2].references.r"],
    ["an array of arrays", { objects: [{ properties: { m: [[1]] } }] }, "objects[0].properties.m"],
    ["an unknown id mode", { objects: [{}], ids: "sequential" }, "ids"],
  ])("answers 400 naming the field for %s", async (_, body, path) => {
    const res = await gw.post("/v1/collections/Article/objects/batch", body);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).join(" ")).toContain(path);
    expect(gw.upstream.calls).toHaveLength(0);
  });

  it("answers 400 for a collection name that is not a Weaviate class name", async () => {
    const res = await gw.post("/v1/collections/1bad/objects/batch", { objects: [{}] });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe("collection");
    expect(gw.upstream.calls).toHaveLength(0);
  });
});
