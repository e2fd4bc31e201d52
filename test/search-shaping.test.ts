import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type GatewayHarness, startGatewayHarness } from "./support/gateway-harness.js";
import * as oracle from "./support/oracle.js";

let gw: GatewayHarness;
beforeAll(async () => {
  gw = await startGatewayHarness();
});
afterAll(() => gw.close());
beforeEach(() => gw.upstream.reset());

async function search(body: unknown, query = "") {
  const res = await gw.post(`/v1/collections/Article/search${query}`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const [call] = gw.upstream.callsTo("Search");
  return oracle.SearchRequest.decode(call.bytes);
}

describe("paging and options", () => {
  it("sends limit, offset and autoLimit as limit, offset and autocut", async () => {
    const req = await search({ bm25: { query: "x" }, limit: 7, offset: 14, autoLimit: 2 });
    expect(req).toMatchObject({ limit: 7, offset: 14, autocut: 2 });
  });

  it("takes tenant and consistencyLevel from the query string when the body has none", async () => {
    const req = await search({}, "?tenant=tenantA&consistencyLevel=ALL");
    expect(req).toMatchObject({ tenant: "tenantA", consistencyLevel: 3 });
  });

  it("prefers tenant and consistencyLevel given in the body", async () => {
    const req = await search(
      { tenant: "fromBody", consistencyLevel: "ONE" },
      "?tenant=q&consistencyLevel=ALL",
    );
    expect(req).toMatchObject({ tenant: "fromBody", consistencyLevel: 1 });
  });
});

describe("what to return", () => {
  it('requests every metadata kind for "all", and always the uuid', async () => {
    const req = await search({ returnMetadata: "all" });
    expect(req.metadata).toMatchObject({
      uuid: true,
      distance: true,
      certainty: true,
      score: true,
      explainScore: true,
      creationTimeUnix: true,
      lastUpdateTimeUnix: true,
      isConsistent: true,
      vector: false,
      queryProfile: false,
    });
  });

  it("requests named vectors by name, and a query profile when asked", async () => {
    const req = await search({ includeVector: ["title_vec", "body_vec"], queryProfile: true });
    expect(req.metadata).toMatchObject({
      vector: false,
      vectors: ["title_vec", "body_vec"],
      queryProfile: true,
    });
  });

  it("requests references with their own properties, metadata, vectors and target collection", async () => {
    const req = await search({
      returnReferences: [
        {
          property: "writtenBy",
          collection: "Author",
          returnProperties: ["name", { name: "address", properties: ["city"] }],
          returnMetadata: ["creationTime"],
          includeVector: true,
          returnReferences: [{ property: "worksAt" }],
        },
      ],
    });
    const props = req.properties!;
    expect(props.returnAllNonrefProperties).toBe(true);
    expect(props.nonRefProperties).toEqual([]);
    const [ref] = props.refProperties;
    expect(ref.referenceProperty).toBe("writtenBy");
    expect(ref.targetCollection).toBe("Author");
    expect(ref.metadata).toMatchObject({ uuid: true, creationTimeUnix: true, vector: true });
    expect(ref.properties).toMatchObject({
      nonRefProperties: ["name"],
      objectProperties: [{ propName: "address", primitiveProperties: ["city"] }],
      returnAllNonrefProperties: false,
    });
    const [nested] = ref.properties!.refProperties;
    expect(nested).toMatchObject({ referenceProperty: "worksAt", targetCollection: "" });
    expect(nested.properties?.returnAllNonrefProperties).toBe(true);
    expect(nested.metadata?.uuid).toBe(true);
  });

  it("lists only the named properties when returnProperties is given beside references", async () => {
    const req = await search({ returnProperties: ["title"], returnReferences: [{ property: "writtenBy" }] });
    expect(req.properties).toMatchObject({ nonRefProperties: ["title"], returnAllNonrefProperties: false });
    expect(req.properties?.refProperties).toHaveLength(1);
  });
});

describe("groupBy and rerank", () => {
  it("sends groupBy with its one property as the path", async () => {
    const req = await search({
      nearText: { query: "x" },
      groupBy: { property: "category", numberOfGroups: 3, objectsPerGroup: 2 },
    });
    expect(req.groupBy).toEqual({ path: ["category"], numberOfGroups: 3, objectsPerGroup: 2 });
  });

  it("sends rerank with its property and query", async () => {
    const req = await search({ nearText: { query: "x" }, rerank: { property: "body", query: "why" } });
    expect(req.rerank).toEqual({ property: "body", query: "why" });
  });
});

describe("generate", () => {
  it("sends a single prompt in the ≥1.27 shape with uses_127_api and no deprecated fields", async () => {
    const req = await search({ nearText: { query: "x" }, generate: { singlePrompt: "Summarize {title}" } });
    expect(req.uses127Api).toBe(true);
    expect(req.generative).toMatchObject({
      singleResponsePrompt: "",
      groupedResponseTask: "",
      groupedProperties: [],
      single: { prompt: "Summarize {title}", debug: false, queries: [] },
    });
    expect(req.generative?.grouped).toBeUndefined();
  });

  it("sends a grouped task with its properties and the provider with typed options", async () => {
    const req = await search({
      generate: {
        singlePrompt: "One {title}",
        groupedTask: "All of them",
        groupedProperties: ["title", "body"],
        returnMetadata: true,
        debug: true,
        provider: {
          openai: {
            model: "gpt-4o",
            maxTokens: 256,
            temperature: 0.2,
            stop: ["END"],
            isAzure: false,
            reasoningEffort: "low",
            images: ["aGk="],
          },
        },
      },
    });
    const g = req.generative!;
    expect(g.grouped?.task).toBe("All of them");
    expect(g.grouped?.properties?.values).toEqual(["title", "body"]);
    expect(g.single?.debug).toBe(true);
    const [provider] = g.grouped!.queries;
    expect(provider.returnMetadata).toBe(true);
    expect(provider.openai).toMatchObject({
      model: "gpt-4o",
      maxTokens: 256,
      temperature: 0.2,
      stop: { values: ["END"] },
      isAzure: false,
      reasoningEffort: 2,
      images: { values: ["aGk="] },
    });
    expect(g.single?.queries).toEqual(g.grouped?.queries);
  });

  it.each([
    ["anthropic", { topK: 5, stopSequences: ["x"] }, { topK: 5, stopSequences: { values: ["x"] } }],
    ["cohere", { k: 3, p: 0.5 }, { k: 3, p: 0.5 }],
    ["google", { projectId: "p", location: "eu" }, { projectId: "p", location: "eu" }],
    ["ollama", { apiEndpoint: "http://o" }, { apiEndpoint: "http://o" }],
    [
      "contextualai",
      { maxNewTokens: 9, knowledge: ["k"] },
      { maxNewTokens: 9, knowledge: { values: ["k"] } },
    ],
    ["dummy", {}, {}],
  ])("maps %s options onto its provider message", async (name, options, expected) => {
    const req = await search({ generate: { singlePrompt: "p", provider: { [name]: options } } });
    const [provider] = req.generative!.single!.queries;
    expect((provider as unknown as Record<string, unknown>)[name]).toMatchObject(expected);
  });
});

describe("boost", () => {
  it("sends each condition kind with its weight, filters through FilterTarget", async () => {
    const req = await search({
      bm25: { query: "x" },
      boost: {
        weight: 0.25,
        depth: 50,
        conditions: [
          { filter: { property: "featured", operator: "equal", value: true }, weight: 2 },
          {
            timeDecay: { property: "published", origin: "now", scale: "7d", curve: "gauss", decayValue: 0.5 },
          },
          { numericDecay: { property: "price", origin: 10, scale: 5, offset: 1, curve: "linear" } },
          { propertyValue: { property: "popularity", modifier: "log1p" } },
        ],
      },
    });
    const b = req.boost!;
    expect(b.weight).toBe(0.25);
    expect(b.depth).toBe(50);
    const [filter, time, numeric, value] = b.conditions;
    expect(filter).toMatchObject({
      weight: 2,
      filter: { operator: 1, target: { property: "featured" }, valueBoolean: true },
    });
    expect(time.timeDecay).toEqual({
      property: "published",
      origin: "now",
      scale: "7d",
      offset: undefined,
      curve: 1,
      decayValue: 0.5,
    });
    expect(numeric.numericDecay).toMatchObject({
      property: "price",
      origin: 10,
      scale: 5,
      offset: 1,
      curve: 2,
    });
    expect(value.propertyValue).toEqual({ property: "popularity", modifier: 1 });
  });
});
