import { BinaryWriter } from "@bufbuild/protobuf/wire";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Vectors_VectorType } from "../src/gen/v1/base.js";
import { packMulti, packSingle } from "../src/translate/vectors.js";
import { type GatewayHarness, startGatewayHarness } from "./support/gateway-harness.js";
import { RawReply } from "./support/recording-upstream.js";

let gw: GatewayHarness;
beforeAll(async () => {
  gw = await startGatewayHarness();
});
afterAll(() => gw.close());
beforeEach(() => gw.upstream.reset());

/** Scripts the upstream's SearchReply and returns the JSON the client got back. */
async function replyWith(reply: unknown, body: unknown = {}) {
  gw.upstream.on("Search", () => reply);
  const res = await gw.post("/v1/collections/Article/search", body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

const A = "00000000-0000-4000-8000-00000000000a";
const B = "00000000-0000-4000-8000-00000000000b";
const C = "00000000-0000-4000-8000-00000000000c";

describe("property values", () => {
  it("decodes typed lists, nested objects with lists inside, and arrays of objects", async () => {
    const body = await replyWith({
      results: [
        {
          metadata: { id: A },
          properties: {
            nonRefProps: {
              fields: {
                flags: { listValue: { boolValues: { values: [true, false] } } },
                days: { listValue: { dateValues: { values: ["2026-01-02T00:00:00Z"] } } },
                ids: { listValue: { uuidValues: { values: [B] } } },
                noInts: { listValue: { intValues: { values: new Uint8Array() } } },
                shop: {
                  objectValue: {
                    fields: {
                      name: { textValue: "ACME" },
                      prices: {
                        listValue: {
                          numberValues: { values: new Uint8Array(new Float64Array([0.1]).buffer) },
                        },
                      },
                      owner: { objectValue: { fields: { missing: { nullValue: 0 } } } },
                    },
                  },
                },
                lines: {
                  listValue: {
                    objectValues: {
                      values: [
                        { fields: { tags: { listValue: { textValues: { values: ["x"] } } } } },
                        { fields: { geo: { geoValue: { latitude: -33.5, longitude: 151.25 } } } },
                      ],
                    },
                  },
                },
              },
            },
          },
        },
      ],
    });
    expect(body.objects[0].properties).toEqual({
      flags: [true, false],
      days: ["2026-01-02T00:00:00Z"],
      ids: [B],
      noInts: [],
      shop: { name: "ACME", prices: [0.1], owner: { missing: null } },
      lines: [{ tags: ["x"] }, { geo: { latitude: -33.5, longitude: 151.25 } }],
    });
  });

  it("answers a property named __proto__ (a valid Weaviate name) as a key, at top level and nested", async () => {
    // Raw bytes: codecs that build objects by assignment (fromPartial) would drop such an entry.
    const w = () => new BinaryWriter();
    const entry = (key: string, value: Uint8Array) =>
      w().uint32(10).string(key).uint32(18).bytes(value).finish();
    const props = (...entries: Uint8Array[]) => {
      const p = w();
      for (const e of entries) p.uint32(10).bytes(e);
      return p.finish();
    };
    const nonRefProps = props(
      entry("__proto__", w().uint32(106).string("odd").finish()),
      entry("title", w().uint32(106).string("t").finish()),
      entry(
        "inner",
        w()
          .uint32(34)
          .bytes(props(entry("__proto__", w().uint32(64).int64(7n).finish())))
          .finish(),
      ),
    );
    const result = w()
      .uint32(10)
      .bytes(w().uint32(90).bytes(nonRefProps).finish())
      .uint32(18)
      .bytes(w().uint32(10).string(A).finish())
      .finish();
    gw.upstream.on("Search", () => new RawReply(w().uint32(18).bytes(result).finish()));
    const res = await gw.post("/v1/collections/Article/search", {});
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const properties = res.body.objects[0].properties;
    expect(Object.keys(properties)).toEqual(["title", "inner", "__proto__"]);
    expect(Object.getOwnPropertyDescriptor(properties, "__proto__")?.value).toBe("odd");
    expect(Object.getOwnPropertyDescriptor(properties.inner, "__proto__")?.value).toBe(7);
  });
});

describe("references and metadata", () => {
  it("decodes references recursively, each target with its collection, metadata and vectors", async () => {
    const author = {
      targetCollection: "Author",
      metadata: { id: B, creationTimeUnix: 0n, creationTimeUnixPresent: true },
      nonRefProps: { fields: { name: { textValue: "Ann" } } },
      refProps: [
        {
          propName: "worksAt",
          properties: [{ targetCollection: "Company", metadata: { id: C }, nonRefProps: { fields: {} } }],
        },
      ],
    };
    const body = await replyWith({
      results: [
        { metadata: { id: A }, properties: { refProps: [{ propName: "writtenBy", properties: [author] }] } },
      ],
    });
    expect(body.objects[0]).toEqual({
      id: A,
      properties: {},
      references: {
        writtenBy: [
          {
            id: B,
            collection: "Author",
            properties: { name: "Ann" },
            metadata: { creationTime: "1970-01-01T00:00:00.000Z" },
            references: { worksAt: [{ id: C, collection: "Company", properties: {} }] },
          },
        ],
      },
    });
  });

  it("reports only the metadata whose present flag is set, including zero values", async () => {
    const body = await replyWith({
      results: [
        {
          metadata: {
            id: A,
            distance: 0,
            distancePresent: true,
            certainty: 0.5,
            certaintyPresent: false,
            score: 1.25,
            scorePresent: true,
            explainScore: "bm25: 1.25",
            explainScorePresent: true,
            lastUpdateTimeUnix: 1767323045123n,
            lastUpdateTimeUnixPresent: true,
            isConsistent: false,
            isConsistentPresent: true,
            rerankScore: 0.875,
            rerankScorePresent: true,
          },
        },
      ],
    });
    expect(body.objects[0].metadata).toEqual({
      distance: 0,
      score: 1.25,
      explainScore: "bm25: 1.25",
      updateTime: "2026-01-02T03:04:05.123Z",
      isConsistent: false,
      rerankScore: 0.875,
    });
  });

  it("prints named single and multi vectors with the shortest float32 decimals", async () => {
    const body = await replyWith({
      results: [
        {
          metadata: {
            id: A,
            vectors: [
              {
                name: "title",
                vectorBytes: packSingle([0.1, 1 / 3]),
                type: Vectors_VectorType.VECTOR_TYPE_SINGLE_FP32,
              },
              {
                name: "colbert",
                vectorBytes: packMulti([
                  [0.2, 0.3],
                  [0.4, 0.5],
                ]),
                type: Vectors_VectorType.VECTOR_TYPE_MULTI_FP32,
              },
            ],
          },
        },
      ],
    });
    expect(body.objects[0].vectors).toEqual({
      title: [0.1, 0.33333334],
      colbert: [
        [0.2, 0.3],
        [0.4, 0.5],
      ],
    });
    expect(body.objects[0].metadata).toBeUndefined();
  });
});

describe("generative results", () => {
  it("puts each object's generated text, provider metadata and debug prompt on the object", async () => {
    const body = await replyWith({
      took: 0.5,
      results: [
        {
          metadata: { id: A },
          generative: {
            values: [
              {
                result: "A summary",
                debug: { fullPrompt: "Summarize Hello" },
                metadata: {
                  openai: { usage: { promptTokens: 12n, completionTokens: 3n, totalTokens: 15n } },
                },
              },
            ],
          },
        },
      ],
      generativeGroupedResult: "",
      generativeGroupedResults: { values: [{ result: "All together" }] },
    });
    expect(body.generated).toBe("All together");
    expect(body.tookMs).toBe(500);
    expect(body.objects[0]).toMatchObject({
      generated: "A summary",
      generatedPrompt: "Summarize Hello",
      generatedMetadata: { openai: { usage: { promptTokens: 12, completionTokens: 3, totalTokens: 15 } } },
    });
  });

  it("falls back to the deprecated grouped string when the new field is absent", async () => {
    const body = await replyWith({ generativeGroupedResult: "old style" });
    expect(body.generated).toBe("old style");
  });

  it("omits generated when nothing was generated", async () => {
    const body = await replyWith({ results: [{ metadata: { id: A } }], generativeGroupedResult: "" });
    expect(body).not.toHaveProperty("generated");
    expect(body.objects[0]).not.toHaveProperty("generated");
  });
});

describe("grouped results", () => {
  it("answers groups with their distances, counts, objects, rerank score and generated text", async () => {
    const body = await replyWith({
      groupByResults: [
        {
          name: "news",
          minDistance: 0.1,
          maxDistance: 0.3,
          numberOfObjects: 2n,
          objects: [{ metadata: { id: A } }, { metadata: { id: B, distance: 0.3, distancePresent: true } }],
          rerank: { score: 0.5 },
          generativeResult: { values: [{ result: "News digest" }] },
        },
      ],
    });
    expect(body.objects).toEqual([]);
    expect(body.groups).toEqual([
      {
        name: "news",
        minDistance: 0.1,
        maxDistance: 0.3,
        numberOfObjects: 2,
        objects: [
          { id: A, properties: {} },
          { id: B, properties: {}, metadata: { distance: 0.3 } },
        ],
        rerankScore: 0.5,
        generated: "News digest",
      },
    ]);
  });
});

describe("query profile", () => {
  it("answers the shards' query profile when Weaviate sends one", async () => {
    const body = await replyWith({
      queryProfile: {
        shards: [{ name: "s1", node: "n1", searches: { vector: { details: { took: "1ms" } } } }],
      },
    });
    expect(body.queryProfile).toEqual({
      shards: [{ name: "s1", node: "n1", searches: { vector: { took: "1ms" } } }],
    });
  });
});
