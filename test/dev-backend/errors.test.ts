import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AggregateRequest } from "../../src/gen/v1/aggregate.js";
import { Vectors_VectorType } from "../../src/gen/v1/base.js";
import { BatchDeleteRequest } from "../../src/gen/v1/batch_delete.js";
import { WeaviateDefinition } from "../../src/gen/v1/weaviate.js";
import { failure, startTestBackend, type TestBackend, uuid, vector } from "./support.js";

let t: TestBackend;
const nearVector = {
  vectors: [{ type: Vectors_VectorType.VECTOR_TYPE_SINGLE_FP32, vectorBytes: vector([1, 0]) }],
};

beforeAll(async () => {
  t = await startTestBackend();
  await t.insert([
    {
      collection: "Thing",
      uuid: uuid(1),
      properties: { nonRefProperties: { name: "x" } },
      vectorBytes: vector([1, 0]),
    },
  ]);
});
afterAll(() => t.close());

describe("errors", () => {
  it("answers UNKNOWN with 'could not find class' for an unknown collection in every read RPC", async () => {
    const { aggregate, batchDelete } = WeaviateDefinition.methods;
    expect(await failure(t.search({ collection: "nope" }))).toEqual({
      code: 2,
      details: "could not find class Nope in schema",
    });
    const agg = await failure(
      t.call("/weaviate.v1.Weaviate/Aggregate", AggregateRequest, aggregate.responseType, {
        collection: "Nope",
      }),
    );
    expect(agg).toEqual({ code: 2, details: "parse params: could not find class Nope in schema" });
    const del = await failure(
      t.call("/weaviate.v1.Weaviate/BatchDelete", BatchDeleteRequest, batchDelete.responseType, {
        collection: "Nope",
      }),
    );
    expect(del).toEqual({ code: 2, details: "could not find class Nope in schema" });
  });

  it("rejects sort_by together with a search", async () => {
    const error = await failure(t.search({ collection: "Thing", nearVector, sortBy: [{ path: ["name"] }] }));
    expect(error).toEqual({ code: 2, details: "sorting cannot be combined with search" });
  });

  it("rejects certainty and distance together", async () => {
    const error = await failure(
      t.search({ collection: "Thing", nearVector: { ...nearVector, certainty: 0.5, distance: 0.5 } }),
    );
    expect(error).toEqual({ code: 2, details: "near_vector: cannot provide distance and certainty" });
  });

  it("rejects a group-by path that is not exactly one property", async () => {
    const error = await failure(
      t.search({
        collection: "Thing",
        nearVector,
        groupBy: { path: ["a", "b"], numberOfGroups: 1, objectsPerGroup: 1 },
      }),
    );
    expect(error).toEqual({ code: 2, details: "groupby path can only have one entry, received [a b]" });
  });

  it("rejects a near_vector without any vector", async () => {
    expect(await failure(t.search({ collection: "Thing", nearVector: {} }))).toEqual({
      code: 2,
      details: "near_vector: vector is required",
    });
  });

  it("answers nearText and near-media searches as a Weaviate without a vectorizer module does", async () => {
    const text = await failure(t.search({ collection: "Thing", nearText: { query: ["hello"] } }));
    expect(text.code).toBe(2);
    expect(text.details).toContain(
      "could not vectorize input for collection Thing with search-type nearText",
    );
    const image = await failure(t.search({ collection: "Thing", nearImage: { image: "aGk=" } }));
    expect(image.details).toContain("with search-type nearImage");
  });

  it("answers generative and rerank requests as a Weaviate without those modules does", async () => {
    const generative = await failure(
      t.search({
        collection: "Thing",
        bm25Search: { query: "x" },
        generative: { single: { prompt: "Summarise {name}" } },
      }),
    );
    expect(generative).toEqual({
      code: 2,
      details: "explorer: get class: extend: unknown capability: generate",
    });
    const rerank = await failure(
      t.search({ collection: "Thing", bm25Search: { query: "x" }, rerank: { property: "name" } }),
    );
    expect(rerank.details).toContain("unknown capability: rerank");
  });

  it("rejects an empty BM25 query and a page beyond QUERY_MAXIMUM_RESULTS", async () => {
    expect(await failure(t.search({ collection: "Thing", bm25Search: { query: "" } }))).toEqual({
      code: 2,
      details: "keyword search (bm25) must have query set",
    });
    const deep = await failure(t.search({ collection: "Thing", offset: 9_995, limit: 10 }));
    expect(deep.details).toContain("query maximum results exceeded");
  });

  it("rejects an unknown property in the requested properties", async () => {
    const error = await failure(
      t.search({ collection: "Thing", properties: { nonRefProperties: ["colour"] } }),
    );
    expect(error.details).toContain("no such prop with name 'colour' found in class 'Thing'");
  });

  it("answers UNIMPLEMENTED for the streaming batch method it does not serve", async () => {
    const { batchStream } = WeaviateDefinition.methods;
    const error = await failure(
      t.call("/weaviate.v1.Weaviate/BatchStream", batchStream.requestType, batchStream.responseType, {}),
    );
    expect(error.code).toBe(12);
  });
});
