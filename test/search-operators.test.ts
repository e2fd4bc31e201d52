import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type GatewayHarness, startGatewayHarness } from "./support/gateway-harness.js";
import * as oracle from "./support/oracle.js";

let gw: GatewayHarness;
beforeAll(async () => {
  gw = await startGatewayHarness();
});
afterAll(() => gw.close());
beforeEach(() => gw.upstream.reset());

/** Posts a search body and returns the SearchRequest the upstream received, decoded by the oracle codec. */
async function search(body: unknown) {
  const res = await gw.post("/v1/collections/Article/search", body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const [call] = gw.upstream.callsTo("Search");
  return oracle.SearchRequest.decode(call.bytes);
}

const SINGLE = 1;
const MULTI = 2;
const ID = "5f1b6c1e-0a2b-4c3d-8e9f-0123456789ab";

/** Decodes the multi-vector layout independently: uint16 LE dimension, then float32 LE rows. */
function multi(bytes: Uint8Array): number[][] {
  const dim = bytes[0] | (bytes[1] << 8);
  const flat = oracle.float32s(bytes.slice(2));
  const rows: number[][] = [];
  for (let i = 0; i < flat.length; i += dim) rows.push(flat.slice(i, i + dim));
  return rows;
}

describe("a fetch (no search operator)", () => {
  it("sends the after cursor with its limit and no operator", async () => {
    const req = await search({ after: ID.toUpperCase(), limit: 3 });
    expect(req.after).toBe(ID);
    expect(req.limit).toBe(3);
    expect(req.nearVector ?? req.bm25Search ?? req.hybridSearch).toBeUndefined();
  });

  it("sends sort as one SortBy per key, descending as ascending=false", async () => {
    const req = await search({
      sort: [{ property: "price", order: "desc" }, { property: "_creationTimeUnix" }],
    });
    expect(req.sortBy).toEqual([
      { path: ["price"], ascending: false },
      { path: ["_creationTimeUnix"], ascending: true },
    ]);
  });
});

describe("nearVector", () => {
  it("sends a multi-vector as one MULTI_FP32 entry with the uint16 dimension header", async () => {
    const req = await search({
      nearVector: {
        vector: [
          [1, 2, 3],
          [4, 5, 6],
        ],
        certainty: 0.7,
      },
    });
    const nv = req.nearVector!;
    expect(nv.certainty).toBe(0.7);
    expect(nv.distance).toBeUndefined();
    expect(nv.vectors).toHaveLength(1);
    expect(nv.vectors[0].type).toBe(MULTI);
    expect(multi(nv.vectors[0].vectorBytes)).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });

  it("sends one vector against a named target through Targets", async () => {
    const req = await search({ nearVector: { vector: [0.5, 0.25], targetVector: "title_vec" } });
    const nv = req.nearVector!;
    expect(nv.targets?.targetVectors).toEqual(["title_vec"]);
    expect(nv.vectors[0].type).toBe(SINGLE);
    expect(oracle.float32s(nv.vectors[0].vectorBytes)).toEqual([0.5, 0.25]);
    expect(nv.vectorForTargets).toEqual([]);
  });

  it("sends several target vectors with a combination method and no weights for average", async () => {
    const req = await search({
      nearVector: { vector: [1, 2], targetVector: ["a", "b"], combination: "average" },
    });
    expect(req.nearVector?.targets).toMatchObject({
      targetVectors: ["a", "b"],
      combination: 3,
      weightsForTargets: [],
    });
  });

  it("sends relativeScore weights in the order of the target vectors, only for the targets chosen", async () => {
    const req = await search({
      nearVector: {
        vector: { a: [1, 2], b: [3, 4], c: [5, 6] },
        targetVector: ["c", "a"],
        combination: "relativeScore",
        weights: { a: 0.25, c: 0.75 },
      },
    });
    const nv = req.nearVector!;
    expect(nv.targets?.combination).toBe(4);
    expect(nv.targets?.weightsForTargets).toEqual([
      { target: "c", weight: 0.75 },
      { target: "a", weight: 0.25 },
    ]);
    expect(nv.vectorForTargets.map((v) => [v.name, oracle.float32s(v.vectors[0].vectorBytes)])).toEqual([
      ["c", [5, 6]],
      ["a", [1, 2]],
    ]);
  });

  it("sends an MMR selection when asked for diversity", async () => {
    const req = await search({ nearVector: { vector: [1], selection: { mmr: { limit: 5, balance: 0.5 } } } });
    expect(req.nearVector?.selection).toEqual({ mmr: { limit: 5, balance: 0.5 } });
  });
});

describe("nearText", () => {
  it("sends the query, moveTo and moveAway, a threshold and targets", async () => {
    const req = await search({
      nearText: {
        query: "sunny beach",
        moveTo: { force: 0.5, concepts: ["sand"], objects: [ID] },
        moveAway: { force: 0.25, concepts: ["rain"] },
        distance: 0.4,
        targetVector: "body_vec",
      },
    });
    expect(req.nearText).toMatchObject({
      query: ["sunny beach"],
      distance: 0.4,
      moveTo: { force: 0.5, concepts: ["sand"], uuids: [ID] },
      moveAway: { force: 0.25, concepts: ["rain"], uuids: [] },
      targets: { targetVectors: ["body_vec"] },
    });
    expect(req.nearText?.certainty).toBeUndefined();
  });

  it("sends several query texts as the repeated query field", async () => {
    const req = await search({ nearText: { query: ["a", "b"] } });
    expect(req.nearText?.query).toEqual(["a", "b"]);
  });
});

describe("nearObject", () => {
  it("sends the lowercased id and certainty", async () => {
    const req = await search({ nearObject: { id: ID.toUpperCase(), certainty: 0.8 } });
    expect(req.nearObject).toMatchObject({ id: ID, certainty: 0.8 });
  });
});

describe("bm25", () => {
  it("sends boosted properties verbatim and the and operator", async () => {
    const req = await search({ bm25: { query: "fox", properties: ["title^2", "body"], operator: "and" } });
    expect(req.bm25Search).toEqual({
      query: "fox",
      properties: ["title^2", "body"],
      searchOperator: { operator: 2, minimumOrTokensMatch: undefined },
    });
  });

  it("sends minimumMatch as minimum_or_tokens_match with the OR operator", async () => {
    const req = await search({ bm25: { query: "quick brown fox", minimumMatch: 2 } });
    expect(req.bm25Search?.searchOperator).toEqual({ operator: 1, minimumOrTokensMatch: 2 });
  });
});

describe("hybrid", () => {
  it("sends alpha both as alpha_param with use_alpha_param and as the legacy alpha field", async () => {
    const req = await search({
      hybrid: { query: "fox", alpha: 0.3, fusion: "ranked", properties: ["title^3"], maxVectorDistance: 0.6 },
    });
    const h = req.hybridSearch!;
    expect(h.useAlphaParam).toBe(true);
    expect(h.alphaParam).toBe(Math.fround(0.3));
    expect(h.alpha).toBe(Math.fround(0.3));
    expect(h.fusionType).toBe(1);
    expect(h.properties).toEqual(["title^3"]);
    expect(h.vectorDistance).toBe(Math.fround(0.6));
  });

  it("leaves alpha_param unset without an alpha, and sends Weaviate's default 0.75 for older servers", async () => {
    const h = (await search({ hybrid: { query: "fox" } })).hybridSearch!;
    expect(h.useAlphaParam).toBe(true);
    expect(h.alphaParam).toBeUndefined();
    expect(h.alpha).toBe(0.75);
    expect(h.fusionType).toBe(0);
  });

  it("sends a direct vector as one Vectors entry with targets", async () => {
    const h = (await search({ hybrid: { query: "fox", vector: [1, 2], targetVector: "title_vec" } }))
      .hybridSearch!;
    expect(h.vectors).toHaveLength(1);
    expect(oracle.float32s(h.vectors[0].vectorBytes)).toEqual([1, 2]);
    expect(h.targets?.targetVectors).toEqual(["title_vec"]);
  });

  it("sends a nearText sub-search with its own threshold", async () => {
    const h = (await search({ hybrid: { query: "fox", nearText: { query: "animal", certainty: 0.6 } } }))
      .hybridSearch!;
    expect(h.nearText).toMatchObject({ query: ["animal"], certainty: 0.6 });
    expect(h.vectors).toEqual([]);
  });

  it("sends a named-vector nearVector sub-search with the targets on the Hybrid message", async () => {
    const h = (
      await search({
        hybrid: {
          query: "fox",
          nearVector: { vector: { a: [1], b: [2] }, distance: 0.2 },
          combination: "sum",
        },
      })
    ).hybridSearch!;
    expect(h.targets).toMatchObject({ targetVectors: ["a", "b"], combination: 1 });
    expect(h.nearVector?.distance).toBe(0.2);
    expect(h.nearVector?.targets).toBeUndefined();
    expect(h.nearVector?.vectorForTargets.map((v) => v.name)).toEqual(["a", "b"]);
  });

  it("sends the keyword operator of its BM25 half", async () => {
    const h = (await search({ hybrid: { query: "fox", operator: "or", minimumMatch: 1 } })).hybridSearch!;
    expect(h.bm25SearchOperator).toEqual({ operator: 1, minimumOrTokensMatch: 1 });
  });
});

describe("near-media searches", () => {
  const cases = [
    ["nearImage", "nearImage", "image"],
    ["nearAudio", "nearAudio", "audio"],
    ["nearVideo", "nearVideo", "video"],
    ["nearDepth", "nearDepth", "depth"],
    ["nearThermal", "nearThermal", "thermal"],
    ["nearImu", "nearImu", "imu"],
  ] as const;
  it.each(cases)("%s sends the base64 media in its own message", async (key, field, mediaField) => {
    const req = await search({ [key]: { media: "aGVsbG8=", distance: 0.3, targetVector: "m" } });
    const msg = req[field] as Record<string, unknown> | undefined;
    expect(msg).toMatchObject({ [mediaField]: "aGVsbG8=", distance: 0.3, targets: { targetVectors: ["m"] } });
    for (const [other] of cases) if (other !== key) expect(req[other]).toBeUndefined();
  });
});
