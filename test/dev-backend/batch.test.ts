import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Vectors_VectorType } from "../../src/gen/v1/base.js";
import { failure, ids, plain, startTestBackend, type TestBackend, uuid, vector } from "./support.js";

let t: TestBackend;
beforeAll(async () => {
  t = await startTestBackend({ maxObjectsPerCollection: 3 });
});
afterAll(() => t.close());

describe("BatchObjects", () => {
  it("auto-creates the collection with its first letter uppercased and stores the object", async () => {
    const reply = await t.insert([
      { collection: "article", uuid: uuid(1), properties: { nonRefProperties: { title: "Hello" } } },
    ]);
    expect(reply.errors).toEqual([]);
    expect(t.backend.store.get("Article")?.schema.name).toBe("Article");
    const found = await t.search({ collection: "article", metadata: { uuid: true } });
    expect(ids(found)).toEqual([uuid(1)]);
    expect(plain(found.results?.[0].properties?.nonRefProps?.fields)).toEqual({ title: "Hello" });
  });

  it("infers property types from the first values as Weaviate's auto-schema does", async () => {
    await t.insert([
      {
        collection: "Inferred",
        uuid: uuid(1),
        properties: {
          nonRefProperties: {
            text: "plain words",
            when: "2024-05-01T10:00:00Z",
            ref: "6f5c0a4e-4b7a-4b3a-9d7e-2a1f0c3b4d5e",
            count: 3,
            flag: true,
            place: { latitude: 52.37, longitude: 4.89 },
            phone: { input: "020 1234567", defaultCountry: "nl" },
            nested: { a: "x" },
          },
          intArrayProperties: [{ propName: "ints", values: [1n, 2n] }],
          emptyListProps: ["nothing"],
        },
      },
    ]);
    const types = Object.fromEntries(
      t.backend.store.get("Inferred")!.schema.properties.map((p) => [p.name, p.dataType]),
    );
    expect(types).toEqual({
      text: "text",
      when: "date",
      ref: "uuid",
      count: "number",
      flag: "boolean",
      place: "geoCoordinates",
      phone: "phoneNumber",
      nested: "object",
      ints: "int[]",
      nothing: "text[]",
    });
  });

  it("replaces an object written again with the same id", async () => {
    await t.insert([{ collection: "Replaced", uuid: uuid(1), properties: { nonRefProperties: { n: 1 } } }]);
    await t.insert([{ collection: "Replaced", uuid: uuid(1), properties: { nonRefProperties: { n: 2 } } }]);
    const reply = await t.search({ collection: "Replaced" });
    expect(reply.results?.map((r) => plain(r.properties?.nonRefProps?.fields))).toEqual([{ n: 2 }]);
  });

  it("reports an invalid UUID per object with its index and Go's message, and stores the rest", async () => {
    const reply = await t.insert([
      { collection: "Uuids", uuid: uuid(1) },
      { collection: "Uuids", uuid: "" },
      { collection: "Uuids", uuid: "not-a-uuid-at-all-but-thirty-six-chr" },
    ]);
    expect(reply.errors).toEqual([
      { index: 1, error: "invalid UUID length: 0" },
      { index: 2, error: "invalid UUID format" },
    ]);
    expect(ids(await t.search({ collection: "Uuids", metadata: { uuid: true } }))).toEqual([uuid(1)]);
  });

  it("rejects a value of the wrong type for an existing property with Weaviate's message", async () => {
    await t.insert([
      { collection: "Typed", uuid: uuid(1), properties: { nonRefProperties: { title: "a" } } },
    ]);
    const reply = await t.insert([
      { collection: "Typed", uuid: uuid(2), properties: { nonRefProperties: { title: 5 } } },
    ]);
    expect(reply.errors?.[0].error).toBe(
      "invalid text property 'title' on class 'Typed': not a string, but float64",
    );
  });

  it("rejects a vector whose length differs from the collection's index", async () => {
    await t.insert([{ collection: "Dims", uuid: uuid(1), vectorBytes: vector([1, 0, 0]) }]);
    const reply = await t.insert([{ collection: "Dims", uuid: uuid(2), vectorBytes: vector([1, 0]) }]);
    expect(reply.errors?.[0].error).toBe(
      "new node has a vector with length 2. Existing nodes have vectors with length 3",
    );
  });

  it("decodes float64 number arrays from values_bytes and multi-vectors with their dimension header", async () => {
    const bytes = new Uint8Array(new Float64Array([1.5, -2.25]).buffer);
    await t.insert([
      {
        collection: "Decoded",
        uuid: uuid(1),
        properties: { numberArrayProperties: [{ propName: "scores", valuesBytes: bytes }] },
        vectors: [
          {
            name: "colbert",
            type: Vectors_VectorType.VECTOR_TYPE_MULTI_FP32,
            vectorBytes: new Uint8Array([2, 0, ...vector([1, 0, 0, 1])]),
          },
        ],
      },
    ]);
    const stored = [...t.backend.store.get("Decoded")!.shards.get("")!.objects.values()][0];
    expect(stored.properties.scores).toEqual([1.5, -2.25]);
    expect(stored.vectors.get("colbert")).toEqual([
      [1, 0],
      [0, 1],
    ]);
  });

  it("stops accepting new objects at the configured cap with a clear message", async () => {
    const reply = await t.insert([1, 2, 3, 4].map((n) => ({ collection: "Capped", uuid: uuid(n) })));
    expect(reply.errors).toEqual([
      {
        index: 3,
        error:
          "object cap reached: collection Capped already holds 3 objects, the development backend's limit (maxObjectsPerCollection)",
      },
    ]);
    const replace = await t.insert([{ collection: "Capped", uuid: uuid(1) }]);
    expect(replace.errors).toEqual([]);
  });

  it("answers a request without an API key when none is configured and refuses one without it when it is", async () => {
    const secured = await startTestBackend({ apiKey: "secret" });
    try {
      const denied = await failure(secured.insert([{ collection: "A", uuid: uuid(1) }]));
      expect(denied).toEqual({ code: 16, details: "extract auth: unauthorized: invalid api key" });
      const wrong = await failure(secured.search({ collection: "A" }, { authorization: "Bearer nope" }));
      expect(wrong.code).toBe(16);
      const ok = await secured.insert([{ collection: "A", uuid: uuid(1) }], {
        authorization: "Bearer secret",
      });
      expect(ok.errors).toEqual([]);
    } finally {
      await secured.close();
    }
  });
});
