import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Filters, Filters_Operator as Op } from "../../src/gen/v1/base.js";
import type { DeepPartial } from "../../src/gen/v1/search_get.js";
import { ids, startTestBackend, type TestBackend, uuid } from "./support.js";

let t: TestBackend;
let beforeInsert: number;

beforeAll(async () => {
  t = await startTestBackend();
  t.backend.store.define({ name: "Maker", properties: [{ name: "name", dataType: "text" }] });
  t.backend.store.define({
    name: "Item",
    properties: [
      { name: "name", dataType: "text", tokenization: "word" },
      { name: "code", dataType: "text", tokenization: "field" },
      { name: "price", dataType: "number" },
      { name: "stock", dataType: "int" },
      { name: "tags", dataType: "text[]" },
      { name: "onSale", dataType: "boolean" },
      { name: "released", dataType: "date" },
      { name: "location", dataType: "geoCoordinates" },
      { name: "maker", dataType: "cref", targetCollections: ["Maker"] },
    ],
  });
  await t.insert([
    { collection: "Maker", uuid: uuid(101), properties: { nonRefProperties: { name: "Acme" } } },
    { collection: "Maker", uuid: uuid(102), properties: { nonRefProperties: { name: "Globex" } } },
  ]);
  beforeInsert = Date.now();
  const item = (n: number, props: Record<string, unknown>, tags: string[] | undefined, maker?: number) => ({
    collection: "Item",
    uuid: uuid(n),
    properties: {
      nonRefProperties: props,
      textArrayProperties: tags ? [{ propName: "tags", values: tags }] : [],
      singleTargetRefProps: maker ? [{ propName: "maker", uuids: [uuid(maker)] }] : [],
    },
  });
  const reply = await t.insert([
    item(
      1,
      {
        name: "Red Apple",
        code: "A-1",
        price: 1.5,
        stock: 10,
        onSale: true,
        released: "2024-01-01T00:00:00Z",
        location: { latitude: 52.37, longitude: 4.89 },
      },
      ["fruit", "red"],
      101,
    ),
    item(
      2,
      {
        name: "Green Apple",
        code: "A-2",
        price: 2,
        stock: 0,
        onSale: false,
        released: "2024-06-01T00:00:00Z",
        location: { latitude: 52.09, longitude: 5.12 },
      },
      ["fruit", "green"],
      102,
    ),
    item(
      3,
      {
        name: "Banana Bread",
        code: "B-1",
        price: 4.25,
        stock: 5,
        released: "2023-12-31T00:00:00Z",
        location: { latitude: 48.86, longitude: 2.35 },
      },
      ["baked"],
      101,
    ),
    item(4, { name: "Mystery" }, undefined),
  ]);
  expect(reply.errors).toEqual([]);
});
afterAll(() => t.close());

const where = async (filters: DeepPartial<Filters>) =>
  ids(await t.search({ collection: "Item", filters, metadata: { uuid: true } })).map((id) =>
    Number(id.slice(-2)),
  );
const leaf = (property: string, operator: Op, value: DeepPartial<Filters>) => ({
  operator,
  target: { property },
  ...value,
});

describe("filters", () => {
  it("matches word-tokenized text by tokens, case-insensitively, and field-tokenized text exactly", async () => {
    expect(await where(leaf("name", Op.OPERATOR_EQUAL, { valueText: "APPLE" }))).toEqual([1, 2]);
    expect(await where(leaf("code", Op.OPERATOR_EQUAL, { valueText: "A-1" }))).toEqual([1]);
    expect(await where(leaf("code", Op.OPERATOR_EQUAL, { valueText: "a-1" }))).toEqual([]);
  });

  it("treats NOT_EQUAL as the complement, so objects without the property match", async () => {
    expect(await where(leaf("price", Op.OPERATOR_NOT_EQUAL, { valueNumber: 2 }))).toEqual([1, 3, 4]);
  });

  it("compares numbers and ints with range operators, coercing value types like Weaviate", async () => {
    expect(await where(leaf("price", Op.OPERATOR_GREATER_THAN, { valueNumber: 1.5 }))).toEqual([2, 3]);
    expect(await where(leaf("price", Op.OPERATOR_LESS_THAN_EQUAL, { valueText: "2" }))).toEqual([1, 2]);
    expect(await where(leaf("stock", Op.OPERATOR_GREATER_THAN_EQUAL, { valueNumber: 5 }))).toEqual([1, 3]);
    expect(await where(leaf("stock", Op.OPERATOR_LESS_THAN, { valueInt: 1n }))).toEqual([2]);
    await expect(where(leaf("stock", Op.OPERATOR_EQUAL, { valueNumber: 2.5 }))).rejects.toMatchObject({
      code: 2,
      details: "filtering for integer, but received a floating point number 2.5",
    });
  });

  it("matches LIKE wildcards per token", async () => {
    expect(await where(leaf("name", Op.OPERATOR_LIKE, { valueText: "ban*" }))).toEqual([3]);
    expect(await where(leaf("name", Op.OPERATOR_LIKE, { valueText: "?pple" }))).toEqual([1, 2]);
  });

  it("tests for missing values with IS_NULL", async () => {
    expect(await where(leaf("price", Op.OPERATOR_IS_NULL, { valueBoolean: true }))).toEqual([4]);
    expect(await where(leaf("tags", Op.OPERATOR_IS_NULL, { valueBoolean: false }))).toEqual([1, 2, 3]);
  });

  it("checks list membership with CONTAINS_ANY, CONTAINS_ALL and CONTAINS_NONE", async () => {
    expect(
      await where(leaf("tags", Op.OPERATOR_CONTAINS_ANY, { valueTextArray: { values: ["red", "baked"] } })),
    ).toEqual([1, 3]);
    expect(
      await where(leaf("tags", Op.OPERATOR_CONTAINS_ALL, { valueTextArray: { values: ["fruit", "green"] } })),
    ).toEqual([2]);
    expect(
      await where(leaf("tags", Op.OPERATOR_CONTAINS_NONE, { valueTextArray: { values: ["fruit"] } })),
    ).toEqual([3, 4]);
    expect(
      await where(leaf("stock", Op.OPERATOR_CONTAINS_ANY, { valueNumberArray: { values: [0, 5] } })),
    ).toEqual([2, 3]);
  });

  it("compares booleans and RFC3339 dates", async () => {
    expect(await where(leaf("onSale", Op.OPERATOR_EQUAL, { valueBoolean: true }))).toEqual([1]);
    expect(
      await where(leaf("released", Op.OPERATOR_GREATER_THAN, { valueText: "2024-01-01T00:00:00Z" })),
    ).toEqual([2]);
    expect(
      await where(leaf("released", Op.OPERATOR_LESS_THAN, { valueText: "2024-01-01T00:00:00+01:00" })),
    ).toEqual([3]);
  });

  it("finds objects within a geo range given in metres", async () => {
    const amsterdam = { latitude: 52.37, longitude: 4.89 };
    expect(
      await where(
        leaf("location", Op.OPERATOR_WITHIN_GEO_RANGE, { valueGeo: { ...amsterdam, distance: 50_000 } }),
      ),
    ).toEqual([1, 2]);
    expect(
      await where(
        leaf("location", Op.OPERATOR_WITHIN_GEO_RANGE, { valueGeo: { ...amsterdam, distance: 1_000 } }),
      ),
    ).toEqual([1]);
  });

  it("combines operands with nested AND, OR and NOT", async () => {
    const filter = {
      operator: Op.OPERATOR_OR,
      filters: [
        {
          operator: Op.OPERATOR_AND,
          filters: [
            leaf("name", Op.OPERATOR_EQUAL, { valueText: "apple" }),
            {
              operator: Op.OPERATOR_NOT,
              filters: [leaf("onSale", Op.OPERATOR_EQUAL, { valueBoolean: true })],
            },
          ],
        },
        leaf("code", Op.OPERATOR_EQUAL, { valueText: "B-1" }),
      ],
    };
    expect(await where(filter)).toEqual([2, 3]);
  });

  it("filters on _id and on the creation and update timestamps", async () => {
    expect(await where(leaf("_id", Op.OPERATOR_EQUAL, { valueText: uuid(3) }))).toEqual([3]);
    expect(
      await where(leaf("_id", Op.OPERATOR_CONTAINS_ANY, { valueTextArray: { values: [uuid(1), uuid(4)] } })),
    ).toEqual([1, 4]);
    expect(
      await where(
        leaf("_creationTimeUnix", Op.OPERATOR_GREATER_THAN_EQUAL, { valueText: String(beforeInsert) }),
      ),
    ).toEqual([1, 2, 3, 4]);
    const past = new Date(beforeInsert - 60_000).toISOString();
    expect(await where(leaf("_lastUpdateTimeUnix", Op.OPERATOR_LESS_THAN, { valueText: past }))).toEqual([]);
  });

  it("follows references with FilterTarget, the deprecated on path, and counts them", async () => {
    const acme = { valueText: "acme", operator: Op.OPERATOR_EQUAL };
    expect(
      await where({ ...acme, target: { singleTarget: { on: "maker", target: { property: "name" } } } }),
    ).toEqual([1, 3]);
    expect(await where({ ...acme, on: ["maker", "Maker", "name"] })).toEqual([1, 3]);
    expect(
      await where({ operator: Op.OPERATOR_EQUAL, valueInt: 1n, target: { count: { on: "maker" } } }),
    ).toEqual([1, 2, 3]);
    expect(await where({ operator: Op.OPERATOR_EQUAL, valueInt: 0n, on: ["maker"] })).toEqual([4]);
  });

  it("filters on a property's length with len()", async () => {
    expect(await where(leaf("len(tags)", Op.OPERATOR_EQUAL, { valueInt: 2n }))).toEqual([1, 2]);
  });

  it("rejects malformed filters with Weaviate's messages", async () => {
    await expect(
      where({ operator: Op.OPERATOR_EQUAL, on: ["maker", "Maker"], valueText: "x" }),
    ).rejects.toMatchObject({
      details:
        "paths needs to have a uneven number of components: property, class, property, ...., got [maker Maker]",
    });
    await expect(where(leaf("colour", Op.OPERATOR_EQUAL, { valueText: "red" }))).rejects.toMatchObject({
      details:
        "no such prop with name 'colour' found in class 'Item' in the schema. Check your schema files for which properties in this class are available",
    });
    await expect(where(leaf("name", Op.OPERATOR_EQUAL, { valueInt: 3n }))).rejects.toMatchObject({
      details: 'data type filter cannot use "valueInt" on type "text", use "valueText" instead',
    });
    await expect(
      where({ operator: Op.OPERATOR_UNSPECIFIED, target: { property: "name" }, valueText: "x" }),
    ).rejects.toMatchObject({
      details: "unknown filter operator OPERATOR_UNSPECIFIED",
    });
  });
});
