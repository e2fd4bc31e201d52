import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Vectors_VectorType } from "../src/gen/v1/base.js";
import { packSingle } from "../src/translate/vectors.js";
import { type GatewayHarness, startGatewayHarness } from "./support/gateway-harness.js";
import * as oracle from "./support/oracle.js";

let gw: GatewayHarness;
beforeAll(async () => {
  gw = await startGatewayHarness({ apiKey: "secret-key" });
});
afterAll(() => gw.close());
beforeEach(() => gw.upstream.reset());

/** The SearchRequest the upstream received, decoded by the independent weaviate-client codec. */
function received() {
  const [call] = gw.upstream.callsTo("Search");
  expect(call).toBeDefined();
  return { req: oracle.SearchRequest.decode(call.bytes), metadata: call.metadata };
}

describe("POST /v1/collections/{collection}/search", () => {
  it("sends a fetch with paging, selection and metadata the way the official client does", async () => {
    const res = await gw.post("/v1/collections/Article/search?tenant=t1", {
      limit: 5,
      offset: 10,
      returnProperties: [
        "title",
        { name: "address", properties: ["city", { name: "geo", properties: ["lat"] }] },
      ],
      returnMetadata: ["creationTime", "score"],
      consistencyLevel: "QUORUM",
    });
    expect(res.status).toBe(200);
    const { req } = received();
    expect(req).toMatchObject({
      collection: "Article",
      tenant: "t1",
      limit: 5,
      offset: 10,
      consistencyLevel: 2,
    });
    expect(req.uses123Api && req.uses125Api && req.uses127Api).toBe(true);
    expect(req.metadata).toMatchObject({
      uuid: true,
      creationTimeUnix: true,
      score: true,
      distance: false,
      vector: false,
    });
    expect(req.properties).toEqual({
      nonRefProperties: ["title"],
      refProperties: [],
      objectProperties: [
        {
          propName: "address",
          primitiveProperties: ["city"],
          objectProperties: [{ propName: "geo", primitiveProperties: ["lat"], objectProperties: [] }],
        },
      ],
      returnAllNonrefProperties: false,
    });
    expect(req.nearVector).toBeUndefined();
  });

  it("leaves properties unset when none are listed, so Weaviate returns all of them", async () => {
    await gw.post("/v1/collections/Article/search", {});
    expect(received().req.properties).toBeUndefined();
  });

  it("sends nearVector as one typed Vectors entry of float32 little-endian bytes", async () => {
    await gw.post("/v1/collections/Article/search", {
      nearVector: { vector: [0.1, -0.5, 3], distance: 0.25 },
      includeVector: true,
    });
    const { req } = received();
    expect(req.nearVector?.distance).toBe(0.25);
    expect(req.nearVector?.certainty).toBeUndefined();
    expect(req.nearVector?.vectors).toHaveLength(1);
    expect(req.nearVector?.vectors[0].type).toBe(Vectors_VectorType.VECTOR_TYPE_SINGLE_FP32);
    expect(oracle.float32s(req.nearVector!.vectors[0].vectorBytes)).toEqual([Math.fround(0.1), -0.5, 3]);
    expect(req.metadata?.vector).toBe(true);
  });

  it("sends named vectors as vectorForTargets in the order of targets", async () => {
    await gw.post("/v1/collections/Article/search", {
      nearVector: {
        vector: { title: [1, 2], body: [[3, 4]] },
        combination: "manual",
        weights: { title: 0.7, body: 0.3 },
      },
    });
    const nv = received().req.nearVector!;
    expect(nv.targets?.targetVectors).toEqual(["title", "body"]);
    expect(nv.targets?.combination).toBe(5);
    expect(nv.targets?.weightsForTargets.map((w) => [w.target, Number(w.weight.toFixed(3))])).toEqual([
      ["title", 0.7],
      ["body", 0.3],
    ]);
    expect(nv.vectorForTargets.map((v) => v.name)).toEqual(["title", "body"]);
    expect(nv.vectorForTargets[1].vectors[0].type).toBe(Vectors_VectorType.VECTOR_TYPE_MULTI_FP32);
  });

  it("translates a nested filter tree through FilterTarget", async () => {
    await gw.post("/v1/collections/Article/search", {
      filters: {
        and: [
          { property: "price", operator: "greaterThan", value: 10 },
          { property: "rating", operator: "lessThanEqual", value: 4.5 },
          { not: { property: "tags", operator: "containsAny", value: ["a", "b"] } },
          {
            or: [
              { property: "_id", operator: "equal", value: "5f1b6c1e-0a2b-4c3d-8e9f-0123456789ab" },
              { property: "sold", operator: "isNull", value: true },
            ],
          },
          {
            property: { reference: "writtenBy", collection: "Author", property: "name" },
            operator: "like",
            value: "Ann*",
          },
          { property: { referenceCount: "writtenBy" }, operator: "greaterThan", value: 1 },
          {
            property: "where",
            operator: "withinGeoRange",
            value: { latitude: 52.5, longitude: 13.4, distance: 1000 },
          },
        ],
      },
    });
    const f = received().req.filters!;
    expect(f.operator).toBe(7); // AND
    expect(f.on).toEqual([]);
    const [price, rating, not, or, ref, count, geo] = f.filters;
    expect(price).toMatchObject({ operator: 3, valueInt: 10, target: { property: "price" } });
    expect(rating).toMatchObject({ operator: 6, valueNumber: 4.5 });
    expect(not.operator).toBe(15);
    expect(not.filters[0]).toMatchObject({ operator: 12, valueTextArray: { values: ["a", "b"] } });
    expect(or.operator).toBe(8);
    expect(or.filters[0]).toMatchObject({
      target: { property: "_id" },
      valueText: "5f1b6c1e-0a2b-4c3d-8e9f-0123456789ab",
    });
    expect(or.filters[1]).toMatchObject({ operator: 11, valueBoolean: true });
    expect(ref.target).toEqual({
      multiTarget: { on: "writtenBy", targetCollection: "Author", target: { property: "name" } },
    });
    expect(count.target).toEqual({ count: { on: "writtenBy" } });
    expect(geo.valueGeo).toEqual({ latitude: 52.5, longitude: Math.fround(13.4), distance: 1000 });
  });

  it("decodes every Value kind, metadata and vectors of the reply into natural JSON", async () => {
    const ints = new Uint8Array(16);
    new DataView(ints.buffer).setBigInt64(0, 7n, true);
    new DataView(ints.buffer).setBigInt64(8, 2n ** 60n, true);
    const nums = new Uint8Array(new Float64Array([1.5, -2]).buffer);
    gw.upstream.on("Search", () => ({
      took: 0.0123,
      results: [
        {
          properties: {
            targetCollection: "Article",
            nonRefProps: {
              fields: {
                title: { textValue: "Hello" },
                price: { numberValue: 9.5 },
                count: { intValue: 42n },
                big: { intValue: 2n ** 62n },
                ok: { boolValue: true },
                when: { dateValue: "2026-01-02T03:04:05Z" },
                ref: { uuidValue: "5f1b6c1e-0a2b-4c3d-8e9f-0123456789ab" },
                where: { geoValue: { latitude: 52.5, longitude: 13.25 } },
                blob: { blobValue: "aGVsbG8=" },
                phone: {
                  phoneValue: { input: "020 1234", defaultCountry: "nl", countryCode: 31n, valid: true },
                },
                gone: { nullValue: 0 },
                scores: { listValue: { numberValues: { values: nums } } },
                counts: { listValue: { intValues: { values: ints } } },
                tags: { listValue: { textValues: { values: ["a", "b"] } } },
                empty: { listValue: { textValues: { values: [] } } },
                address: { objectValue: { fields: { city: { textValue: "Berlin" } } } },
                stops: { listValue: { objectValues: { values: [{ fields: { n: { intValue: 1n } } }] } } },
              },
            },
          },
          metadata: {
            id: "5f1b6c1e-0a2b-4c3d-8e9f-0123456789ab",
            distance: 0.1,
            distancePresent: true,
            certainty: 0.9,
            certaintyPresent: false,
            creationTimeUnix: 1767323045000n,
            creationTimeUnixPresent: true,
            vectorBytes: packSingle([0.1, 0.2]),
            vectors: [
              {
                name: "title",
                vectorBytes: packSingle([1, 2]),
                type: Vectors_VectorType.VECTOR_TYPE_SINGLE_FP32,
              },
            ],
          },
        },
      ],
    }));
    const res = await gw.post("/v1/collections/Article/search", {});
    expect(res.status).toBe(200);
    expect(res.body.tookMs).toBe(12.3);
    const [obj] = res.body.objects;
    expect(obj).toEqual({
      id: "5f1b6c1e-0a2b-4c3d-8e9f-0123456789ab",
      collection: "Article",
      properties: {
        title: "Hello",
        price: 9.5,
        count: 42,
        big: "4611686018427387904",
        ok: true,
        when: "2026-01-02T03:04:05Z",
        ref: "5f1b6c1e-0a2b-4c3d-8e9f-0123456789ab",
        where: { latitude: 52.5, longitude: 13.25 },
        blob: "aGVsbG8=",
        phone: {
          input: "020 1234",
          defaultCountry: "nl",
          countryCode: 31,
          internationalFormatted: "",
          national: 0,
          nationalFormatted: "",
          valid: true,
        },
        gone: null,
        scores: [1.5, -2],
        counts: [7, "1152921504606846976"],
        tags: ["a", "b"],
        empty: [],
        address: { city: "Berlin" },
        stops: [{ n: 1 }],
      },
      metadata: { distance: 0.1, creationTime: "2026-01-02T03:04:05.000Z" },
      vector: [0.1, 0.2],
      vectors: { title: [1, 2] },
    });
  });

  it("forwards the Weaviate key and allow-listed headers, and nothing else", async () => {
    await gw.post(
      "/v1/collections/Article/search",
      {},
      {
        "X-OpenAI-Api-Key": "sk-test",
        "x-request-id": "req-1",
        cookie: "session=1",
        authorization: "Bearer caller-token",
      },
    );
    const { metadata } = received();
    expect(metadata.authorization).toBe("Bearer secret-key");
    expect(metadata["x-openai-api-key"]).toBe("sk-test");
    expect(metadata["x-request-id"]).toBe("req-1");
    expect(metadata.cookie).toBeUndefined();
  });

  it("rejects bad input with a 400 naming each field, before any gRPC call", async () => {
    const res = await gw.post("/v1/collections/Article/search", {
      nearVector: { vector: [1, "x"], distance: 0.1, certainty: 0.5 },
      limit: -1,
      filters: { property: "price", operator: "between", value: 1 },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const paths = res.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["nearVector.vector", "limit", "filters.operator"]));
    expect(gw.upstream.calls).toHaveLength(0);
  });

  it("rejects a multi-vector with rows of different lengths", async () => {
    const res = await gw.post("/v1/collections/Article/search", { nearVector: { vector: [[1, 2], [3]] } });
    expect(res.status).toBe(400);
    expect(gw.upstream.calls).toHaveLength(0);
  });

  it("rejects collection names that are not Weaviate class names", async () => {
    const res = await gw.post("/v1/collections/..%2Fetc/search", {});
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe("collection");
  });
});
