import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type GatewayHarness, startGatewayHarness } from "./support/gateway-harness.js";

let gw: GatewayHarness;
beforeAll(async () => {
  gw = await startGatewayHarness();
});
afterAll(() => gw.close());
beforeEach(() => gw.upstream.reset());

const ID = "5f1b6c1e-0a2b-4c3d-8e9f-0123456789ab";

/** Each body is one that Weaviate would reject; the gateway must refuse it first, naming the field. */
const invalid: [string, unknown, string][] = [
  ["two search operators", { nearText: { query: "a" }, bm25: { query: "a" } }, "bm25"],
  [
    "certainty with distance",
    { nearObject: { id: ID, distance: 0.1, certainty: 0.9 } },
    "nearObject.certainty",
  ],
  [
    "certainty with distance in a hybrid sub-search",
    { hybrid: { query: "q", nearText: { query: "a", distance: 0.1, certainty: 0.9 } } },
    "hybrid.nearText.certainty",
  ],
  ["sort with a search", { nearVector: { vector: [1] }, sort: [{ property: "price" }] }, "sort"],
  ["a cursor with filters", { after: ID, filters: { property: "a", operator: "equal", value: 1 } }, "after"],
  ["a cursor with offset", { after: ID, offset: 5 }, "after"],
  ["a cursor with a search", { after: ID, bm25: { query: "x" } }, "after"],
  [
    "groupBy with several properties",
    { groupBy: { property: ["a", "b"], numberOfGroups: 1, objectsPerGroup: 1 } },
    "groupBy.property",
  ],
  ["groupBy without its sizes", { groupBy: { property: "a" } }, "groupBy.numberOfGroups"],
  ["a bad UUID in after", { after: "not-a-uuid" }, "after"],
  ["a bad UUID in nearObject", { nearObject: { id: "1234" } }, "nearObject.id"],
  [
    "a bad UUID in moveTo",
    { nearText: { query: "a", moveTo: { force: 1, objects: ["x"] } } },
    "nearText.moveTo.objects[0]",
  ],
  [
    "a bad UUID in an _id filter",
    { filters: { property: "_id", operator: "equal", value: "abc" } },
    "filters.value",
  ],
  ["an empty vector", { nearVector: { vector: [] } }, "nearVector.vector"],
  ["an empty named vector", { nearVector: { vector: { a: [] } } }, "nearVector.vector.a"],
  ["an empty hybrid vector", { hybrid: { query: "q", vector: [] } }, "hybrid.vector"],
  [
    "a multi-vector with rows of different lengths",
    { nearVector: { vector: [[1, 2], [3]] } },
    "nearVector.vector[1]",
  ],
  [
    "a hybrid with a vector and a nearText",
    { hybrid: { query: "q", vector: [1], nearText: { query: "a" } } },
    "hybrid.nearText",
  ],
  [
    "a combination with one target",
    { nearVector: { vector: [1], targetVector: "a", combination: "sum" } },
    "nearVector.combination",
  ],
  [
    "manual weights missing a target",
    { nearVector: { vector: { a: [1], b: [2] }, combination: "manual", weights: { a: 1 } } },
    "nearVector.weights",
  ],
  [
    "a weight for a target that is not searched",
    { nearText: { query: "q", targetVector: ["a", "b"], weights: { c: 1 } } },
    "nearText.weights",
  ],
  [
    "a target with no named vector given",
    { nearVector: { vector: { a: [1] }, targetVector: ["a", "b"] } },
    "nearVector.targetVector",
  ],
  [
    "minimumMatch with the and operator",
    { bm25: { query: "q", operator: "and", minimumMatch: 2 } },
    "bm25.minimumMatch",
  ],
  [
    "a bm25 property that is not a name",
    { bm25: { query: "q", properties: ["title^x"] } },
    "bm25.properties[0]",
  ],
  ["an alpha above 1", { hybrid: { query: "q", alpha: 1.5 } }, "hybrid.alpha"],
  ["media that is not base64", { nearImage: { media: "not base64!" } }, "nearImage.media"],
  [
    "an unknown generative provider",
    { generate: { singlePrompt: "p", provider: { skynet: {} } } },
    "generate.provider",
  ],
  [
    "two generative providers",
    { generate: { singlePrompt: "p", provider: { openai: {}, cohere: {} } } },
    "generate.provider",
  ],
  [
    "an unknown provider option",
    { generate: { singlePrompt: "p", provider: { openai: { modle: "x" } } } },
    "generate.provider.openai",
  ],
  [
    "a provider option of the wrong type",
    { generate: { singlePrompt: "p", provider: { openai: { maxTokens: 1.5 } } } },
    "generate.provider.openai.maxTokens",
  ],
  ["generate with no prompt or task", { generate: { groupedProperties: ["a"] } }, "generate"],
  ["an unknown metadata kind", { returnMetadata: ["distance", "colour"] }, "returnMetadata"],
  [
    "an unknown filter operator",
    { filters: { property: "a", operator: "between", value: 1 } },
    "filters.operator",
  ],
  [
    "a boost condition with two kinds",
    {
      boost: {
        conditions: [
          { propertyValue: { property: "a" }, filter: { property: "a", operator: "isNull", value: true } },
        ],
      },
    },
    "boost.conditions[0]",
  ],
  ["an unknown body field", { nearVectors: {} }, "(body)"],
];

describe("search validation", () => {
  it.each(invalid)(
    "rejects %s with a 400 naming the field, before any gRPC call",
    async (_name, body, path) => {
      const res = await gw.post("/v1/collections/Article/search", body);
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
      expect(gw.upstream.calls).toHaveLength(0);
    },
  );

  it("rejects a vector component that overflows to Infinity", async () => {
    const res = await gw.post("/v1/collections/Article/search", '{"nearVector":{"vector":[1, 1e999]}}');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe("nearVector.vector");
    expect(gw.upstream.calls).toHaveLength(0);
  });

  it("rejects NaN, which is not JSON, as malformed JSON", async () => {
    const res = await gw.post("/v1/collections/Article/search", '{"nearVector":{"vector":[NaN]}}');
    expect(res.status).toBe(400);
    expect(res.body.title).toBe("Malformed JSON");
    expect(gw.upstream.calls).toHaveLength(0);
  });
});
