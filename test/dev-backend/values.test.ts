import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BatchReferencesRequest } from "../../src/gen/v1/batch.js";
import { WeaviateDefinition } from "../../src/gen/v1/weaviate.js";
import { ids, plain, startTestBackend, type TestBackend, uuid } from "./support.js";

let t: TestBackend;

beforeAll(async () => {
  t = await startTestBackend();
  // Auto-schema cannot infer int or blob from a Struct, so this collection declares them.
  t.backend.store.define({
    name: "Everything",
    properties: [
      { name: "count", dataType: "int" },
      { name: "picture", dataType: "blob" },
      { name: "author", dataType: "cref", targetCollections: ["Person"] },
    ],
  });
  await t.insert([
    { collection: "Person", uuid: uuid(9), properties: { nonRefProperties: { name: "Ada" } } },
  ]);
  const reply = await t.insert([
    {
      collection: "Everything",
      uuid: uuid(1),
      properties: {
        nonRefProperties: {
          title: "A title",
          count: 42,
          ratio: 0.25,
          done: true,
          at: "2024-02-29T12:30:00Z",
          ref: "8a0f6b6e-1d8f-4b3e-9c1e-5f1b2c3d4e5f",
          place: { latitude: 52.5, longitude: 13.25 },
          phone: { input: "+31 20 123 4567" },
          picture: "aGVsbG8=",
          meta: { source: "web", depth: { level: 2 } },
        },
        textArrayProperties: [
          { propName: "tags", values: ["a", "b"] },
          { propName: "days", values: ["2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z"] },
          { propName: "ids", values: ["8a0f6b6e-1d8f-4b3e-9c1e-5f1b2c3d4e5f"] },
        ],
        intArrayProperties: [{ propName: "ints", values: [1n, -2n, 9007199254740991n] }],
        numberArrayProperties: [
          { propName: "floats", valuesBytes: new Uint8Array(new Float64Array([0.5, -1.5]).buffer) },
        ],
        booleanArrayProperties: [{ propName: "flags", values: [true, false] }],
        objectArrayProperties: [
          { propName: "parts", values: [{ nonRefProperties: { n: 1 } }, { nonRefProperties: { n: 2 } }] },
        ],
        emptyListProps: ["none"],
        singleTargetRefProps: [{ propName: "author", uuids: [uuid(9)] }],
      },
    },
  ]);
  expect(reply.errors).toEqual([]);
});
afterAll(() => t.close());

describe("Value encoding", () => {
  it("returns every kind of value in the Value member its data type maps to", async () => {
    const reply = await t.search({
      collection: "Everything",
      properties: { returnAllNonrefProperties: true },
    });
    const fields = reply.results![0].properties!.nonRefProps!.fields!;
    expect(fields.title).toEqual({ textValue: "A title" });
    expect(fields.count).toEqual({ intValue: 42n });
    expect(fields.ratio).toEqual({ numberValue: 0.25 });
    expect(fields.done).toEqual({ boolValue: true });
    expect(fields.at).toEqual({ dateValue: "2024-02-29T12:30:00Z" });
    expect(fields.ref).toEqual({ uuidValue: "8a0f6b6e-1d8f-4b3e-9c1e-5f1b2c3d4e5f" });
    expect(fields.place).toEqual({ geoValue: { latitude: 52.5, longitude: 13.25 } });
    expect(fields.phone.phoneValue).toMatchObject({
      countryCode: 31n,
      national: 201234567n,
      input: "+31 20 123 4567",
      valid: true,
    });
    expect(fields.tags.listValue?.textValues?.values).toEqual(["a", "b"]);
    expect(fields.days.listValue?.dateValues?.values).toEqual([
      "2024-01-01T00:00:00Z",
      "2024-01-02T00:00:00Z",
    ]);
    expect(fields.ids.listValue?.uuidValues?.values).toEqual(["8a0f6b6e-1d8f-4b3e-9c1e-5f1b2c3d4e5f"]);
    expect(fields.flags.listValue?.boolValues?.values).toEqual([true, false]);
    expect(fields.none.listValue?.textValues?.values).toEqual([]);
    expect(fields.picture).toBeUndefined();
  });

  it("encodes number and int lists as little-endian 8-byte values", async () => {
    const reply = await t.search({
      collection: "Everything",
      properties: { nonRefProperties: ["ints", "floats"] },
    });
    const fields = reply.results![0].properties!.nonRefProps!.fields!;
    expect(fields.ints.listValue?.intValues?.values?.byteLength).toBe(24);
    expect(plain(fields)).toEqual({ ints: [1, -2, 9007199254740991], floats: [0.5, -1.5] });
  });

  it("returns nested objects and object lists as Properties, narrowed to the requested nested properties", async () => {
    const all = await t.search({
      collection: "Everything",
      properties: { nonRefProperties: ["meta", "parts"] },
    });
    expect(plain(all.results![0].properties!.nonRefProps!.fields)).toEqual({
      meta: { source: "web", depth: { level: 2 } },
      parts: [{ n: 1 }, { n: 2 }],
    });
    const narrowed = await t.search({
      collection: "Everything",
      properties: { objectProperties: [{ propName: "meta", primitiveProperties: ["source"] }] },
    });
    expect(plain(narrowed.results![0].properties!.nonRefProps!.fields)).toEqual({ meta: { source: "web" } });
  });

  it("returns blobs only when asked for by name", async () => {
    const reply = await t.search({ collection: "Everything", properties: { nonRefProperties: ["picture"] } });
    expect(reply.results![0].properties!.nonRefProps!.fields!.picture).toEqual({ blobValue: "aGVsbG8=" });
  });

  it("returns referenced objects under ref_props with their properties and metadata", async () => {
    const reply = await t.search({
      collection: "Everything",
      properties: { refProperties: [{ referenceProperty: "author", metadata: { uuid: true } }] },
      metadata: { uuid: true },
    });
    expect(ids(reply)).toEqual([uuid(1)]);
    const props = reply.results![0].properties!;
    expect(props.refPropsRequested).toBe(true);
    expect(props.targetCollection).toBe("Everything");
    const author = props.refProps![0];
    expect(author.propName).toBe("author");
    expect(
      author.properties?.map((p) => [p.targetCollection, p.metadata?.id, plain(p.nonRefProps?.fields)]),
    ).toEqual([["Person", uuid(9), { name: "Ada" }]]);
  });

  it("appends references with BatchReferences and reports a bad one by index", async () => {
    await t.insert([
      { collection: "Person", uuid: uuid(10), properties: { nonRefProperties: { name: "Grace" } } },
    ]);
    const reply = await t.call(
      "/weaviate.v1.Weaviate/BatchReferences",
      BatchReferencesRequest,
      WeaviateDefinition.methods.batchReferences.responseType,
      {
        references: [
          { fromCollection: "Everything", fromUuid: uuid(1), name: "author", toUuid: uuid(10) },
          { fromCollection: "Everything", fromUuid: uuid(1), name: "editor", toUuid: uuid(10) },
        ],
      },
    );
    expect(reply.errors?.map((e) => e.index)).toEqual([1]);
    const found = await t.search({
      collection: "Everything",
      properties: {
        refProperties: [{ referenceProperty: "author", properties: { nonRefProperties: ["name"] } }],
      },
    });
    const names = found.results![0].properties!.refProps![0].properties!.map(
      (p) => plain(p.nonRefProps?.fields).name,
    );
    expect(names).toEqual(["Ada", "Grace"]);
  });
});
