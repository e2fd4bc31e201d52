import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Vectors_VectorType } from "../../src/gen/v1/base.js";
import {
  CombinationMethod,
  Hybrid_FusionType,
  SearchOperatorOptions_Operator,
} from "../../src/gen/v1/base_search.js";
import { ids, multiVector, startTestBackend, type TestBackend, uuid, vector } from "./support.js";

let t: TestBackend;
const SINGLE = Vectors_VectorType.VECTOR_TYPE_SINGLE_FP32;

beforeAll(async () => {
  t = await startTestBackend();
  const docs: [number, string, number[]][] = [
    [1, "The quick brown fox jumps over the lazy dog", [1, 0, 0]],
    [2, "A fox hunting in the snowy forest", [0.9, 0.1, 0]],
    [3, "Recipes for sourdough bread and pastries", [0, 1, 0]],
    [4, "Baking bread at home with a fox-shaped tin", [0, 0.8, 0.2]],
    [5, "Quantum computing explained simply", [0, 0, 1]],
  ];
  await t.insert(
    docs.map(([n, text, v]) => ({
      collection: "Doc",
      uuid: uuid(n),
      properties: { nonRefProperties: { text, tag: n % 2 ? "odd" : "even" } },
      vectorBytes: vector(v),
    })),
  );
  await t.insert([
    {
      collection: "Named",
      uuid: uuid(1),
      vectors: [
        { name: "title", vectorBytes: vector([1, 0]) },
        { name: "body", vectorBytes: vector([0, 1]) },
      ],
    },
    {
      collection: "Named",
      uuid: uuid(2),
      vectors: [
        { name: "title", vectorBytes: vector([0, 1]) },
        { name: "body", vectorBytes: vector([1, 0]) },
      ],
    },
    {
      collection: "Named",
      uuid: uuid(3),
      vectors: [
        { name: "title", vectorBytes: vector([0.7, 0.7]) },
        { name: "body", vectorBytes: vector([0.7, 0.7]) },
      ],
    },
  ]);
  const multi = (rows: number[][]) => [
    { name: "colbert", type: Vectors_VectorType.VECTOR_TYPE_MULTI_FP32, vectorBytes: multiVector(rows) },
  ];
  await t.insert([
    {
      collection: "Late",
      uuid: uuid(1),
      vectors: multi([
        [1, 0],
        [0, 1],
      ]),
    },
    {
      collection: "Late",
      uuid: uuid(2),
      vectors: multi([
        [1, 0],
        [1, 0.1],
      ]),
    },
  ]);
});
afterAll(() => t.close());

const nearVector = (v: number[], extra = {}) => ({
  vectors: [{ type: SINGLE, vectorBytes: vector(v) }],
  ...extra,
});

describe("vector search", () => {
  it("returns the nearest vector first, with cosine distance and certainty", async () => {
    const reply = await t.search({
      collection: "Doc",
      nearVector: nearVector([1, 0, 0]),
      limit: 2,
      metadata: { uuid: true, distance: true, certainty: true },
    });
    expect(ids(reply)).toEqual([uuid(1), uuid(2)]);
    const first = reply.results![0].metadata!;
    expect(first.distancePresent).toBe(true);
    expect(first.distance).toBeCloseTo(0, 5);
    expect(first.certainty).toBeCloseTo(1, 5);
    expect(reply.results![1].metadata!.distance).toBeCloseTo(1 - 0.9 / Math.hypot(0.9, 0.1), 5);
  });

  it("drops results beyond a distance threshold and below a certainty threshold", async () => {
    const byDistance = await t.search({
      collection: "Doc",
      nearVector: nearVector([1, 0, 0], { distance: 0.1 }),
      metadata: { uuid: true },
    });
    expect(ids(byDistance)).toEqual([uuid(1), uuid(2)]);
    const byCertainty = await t.search({
      collection: "Doc",
      nearVector: nearVector([1, 0, 0], { certainty: 0.99 }),
      metadata: { uuid: true },
    });
    expect(ids(byCertainty)).toEqual([uuid(1), uuid(2)]);
  });

  it("accepts the deprecated vector_bytes field and the repeated float vector", async () => {
    const viaBytes = await t.search({
      collection: "Doc",
      nearVector: { vectorBytes: vector([0, 0, 1]) },
      limit: 1,
      metadata: { uuid: true },
    });
    const viaFloats = await t.search({
      collection: "Doc",
      nearVector: { vector: [0, 0, 1] },
      limit: 1,
      metadata: { uuid: true },
    });
    expect(ids(viaBytes)).toEqual([uuid(5)]);
    expect(ids(viaFloats)).toEqual([uuid(5)]);
  });

  it("searches the named vector the targets name and combines several targets", async () => {
    const title = await t.search({
      collection: "Named",
      nearVector: { ...nearVector([1, 0]), targets: { targetVectors: ["title"] } },
      metadata: { uuid: true },
    });
    expect(ids(title)[0]).toBe(uuid(1));
    const body = await t.search({
      collection: "Named",
      nearVector: { ...nearVector([1, 0]), targets: { targetVectors: ["body"] } },
      metadata: { uuid: true },
    });
    expect(ids(body)[0]).toBe(uuid(2));
    const summed = await t.search({
      collection: "Named",
      nearVector: {
        vectorForTargets: [
          { name: "title", vectors: [{ vectorBytes: vector([1, 0]) }] },
          { name: "body", vectors: [{ vectorBytes: vector([1, 0]) }] },
        ],
        targets: {
          targetVectors: ["title", "body"],
          combination: CombinationMethod.COMBINATION_METHOD_TYPE_SUM,
        },
      },
      metadata: { uuid: true, distance: true },
    });
    expect(ids(summed)[0]).toBe(uuid(3));
    const manual = await t.search({
      collection: "Named",
      nearVector: {
        vectorForTargets: [
          { name: "title", vectors: [{ vectorBytes: vector([1, 0]) }] },
          { name: "body", vectors: [{ vectorBytes: vector([1, 0]) }] },
        ],
        targets: {
          targetVectors: ["title", "body"],
          combination: CombinationMethod.COMBINATION_METHOD_TYPE_MANUAL,
          weightsForTargets: [
            { target: "title", weight: 10 },
            { target: "body", weight: 0.1 },
          ],
        },
      },
      metadata: { uuid: true },
    });
    expect(ids(manual)[0]).toBe(uuid(1));
  });

  it("needs a target when a collection has several named vectors", async () => {
    await expect(t.search({ collection: "Named", nearVector: nearVector([1, 0]) })).rejects.toMatchObject({
      code: 2,
      details:
        "extract target vectors: class Named has multiple vectors, but no target vectors were provided",
    });
  });

  it("scores multi-vectors by late interaction (sum of each query row's best match)", async () => {
    const reply = await t.search({
      collection: "Late",
      nearVector: {
        vectors: [
          {
            type: Vectors_VectorType.VECTOR_TYPE_MULTI_FP32,
            vectorBytes: multiVector([
              [1, 0],
              [0, 1],
            ]),
          },
        ],
      },
      metadata: { uuid: true, distance: true, certainty: true },
    });
    expect(ids(reply)).toEqual([uuid(1), uuid(2)]);
    expect(reply.results![0].metadata!.distance).toBeCloseTo(0, 5);
    expect(reply.results![0].metadata!.certaintyPresent).toBeFalsy();
  });

  it("finds neighbours of a stored object with nearObject, the object itself first", async () => {
    const reply = await t.search({
      collection: "Doc",
      nearObject: { id: uuid(3) },
      limit: 2,
      metadata: { uuid: true },
    });
    expect(ids(reply)).toEqual([uuid(3), uuid(4)]);
  });

  it("cuts results at the first jump in distance with autocut", async () => {
    const reply = await t.search({
      collection: "Doc",
      nearVector: nearVector([1, 0, 0]),
      autocut: 1,
      metadata: { uuid: true },
    });
    expect(ids(reply)).toEqual([uuid(1), uuid(2)]);
  });
});

describe("keyword search", () => {
  it("ranks a BM25 keyword hit above a miss and returns only hits", async () => {
    const reply = await t.search({
      collection: "Doc",
      bm25Search: { query: "bread" },
      metadata: { uuid: true, score: true, explainScore: true },
    });
    expect(new Set(ids(reply))).toEqual(new Set([uuid(3), uuid(4)]));
    expect(reply.results![0].metadata!.score).toBeGreaterThan(0);
    expect(reply.results![0].metadata!.explainScore).toContain("BM25F_bread_frequency:1");
  });

  it("scores a shorter matching text above a longer one and ignores stopwords", async () => {
    const reply = await t.search({
      collection: "Doc",
      bm25Search: { query: "the fox" },
      metadata: { uuid: true },
    });
    expect(ids(reply)).toEqual([uuid(2), uuid(1), uuid(4)]);
  });

  it("requires every term with the AND operator", async () => {
    const reply = await t.search({
      collection: "Doc",
      bm25Search: {
        query: "fox bread",
        searchOperator: { operator: SearchOperatorOptions_Operator.OPERATOR_AND },
      },
      metadata: { uuid: true },
    });
    expect(ids(reply)).toEqual([uuid(4)]);
  });
});

describe("hybrid search", () => {
  const hybrid = (alpha: number, extra = {}) => ({
    query: "bread",
    alpha,
    vectors: [{ type: SINGLE, vectorBytes: vector([0, 0, 1]) }],
    ...extra,
  });

  it("follows the keyword ranking at alpha 0 and the vector ranking at alpha 1", async () => {
    const keyword = await t.search({ collection: "Doc", hybridSearch: hybrid(0), metadata: { uuid: true } });
    expect(new Set(ids(keyword))).toEqual(new Set([uuid(3), uuid(4)]));
    const vectorOnly = await t.search({
      collection: "Doc",
      hybridSearch: hybrid(1),
      limit: 1,
      metadata: { uuid: true },
    });
    expect(ids(vectorOnly)).toEqual([uuid(5)]);
  });

  it("fuses both legs so an object strong in both ranks first", async () => {
    const reply = await t.search({
      collection: "Doc",
      hybridSearch: {
        query: "fox",
        alpha: 0.5,
        vectors: [{ type: SINGLE, vectorBytes: vector([0.9, 0.1, 0]) }],
      },
      metadata: { uuid: true, score: true, explainScore: true },
    });
    expect(ids(reply)[0]).toBe(uuid(2));
    expect(reply.results![0].metadata!.score).toBeCloseTo(1, 5);
    expect(reply.results![0].metadata!.explainScore).toContain("Hybrid (Result Set keyword,bm25)");
    const ranked = await t.search({
      collection: "Doc",
      hybridSearch: {
        query: "fox",
        alpha: 0.5,
        fusionType: Hybrid_FusionType.FUSION_TYPE_RANKED,
        vectors: [{ type: SINGLE, vectorBytes: vector([0.9, 0.1, 0]) }],
      },
      metadata: { uuid: true, score: true },
    });
    expect(ids(ranked)[0]).toBe(uuid(2));
    expect(ranked.results![0].metadata!.score).toBeCloseTo(0.5 / 60 + 0.5 / 60, 6);
  });

  it("keeps only objects within the vector distance threshold", async () => {
    const reply = await t.search({
      collection: "Doc",
      hybridSearch: {
        ...hybrid(0.5),
        query: "fox",
        vectorDistance: 0.5,
        vectors: [{ type: SINGLE, vectorBytes: vector([1, 0, 0]) }],
      },
      metadata: { uuid: true },
    });
    expect(new Set(ids(reply))).toEqual(new Set([uuid(1), uuid(2)]));
  });

  it("fails without a vector, as Weaviate does when no vectorizer is configured", async () => {
    await expect(
      t.search({ collection: "Doc", hybridSearch: { query: "fox", alpha: 0.5 } }),
    ).rejects.toMatchObject({
      code: 2,
      details: "VectorFromInput was called without vectorizer on class Doc for input fox",
    });
  });
});
