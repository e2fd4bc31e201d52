import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type GatewayHarness, startGatewayHarness } from "./support/gateway-harness.js";
import * as oracle from "./support/oracle.js";

let gw: GatewayHarness;
beforeAll(async () => {
  gw = await startGatewayHarness();
});
afterAll(() => gw.close());
beforeEach(() => gw.upstream.reset());

/** The Filters message the upstream received for a search with these filters (oracle-decoded). */
async function sent(filters: unknown) {
  const res = await gw.post("/v1/collections/Article/search", { filters });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const [call] = gw.upstream.callsTo("Search");
  return oracle.SearchRequest.decode(call.bytes).filters!;
}

const ID = "5f1b6c1e-0a2b-4c3d-8e9f-0123456789ab";

describe("filter operators", () => {
  // Weaviate's Filters.Operator numbers (base.proto).
  const table = [
    ["equal", 1, "x"],
    ["notEqual", 2, "x"],
    ["greaterThan", 3, 1],
    ["greaterThanEqual", 4, 1],
    ["lessThan", 5, 1],
    ["lessThanEqual", 6, 1],
    ["withinGeoRange", 9, { latitude: 1, longitude: 2, distance: 3 }],
    ["like", 10, "a*"],
    ["isNull", 11, false],
    ["containsAny", 12, ["a"]],
    ["containsAll", 13, ["a"]],
    ["containsNone", 14, ["a"]],
  ] as const;
  it.each(table)("%s is sent as operator %i on a FilterTarget property", async (operator, number, value) => {
    const f = await sent({ property: "p", operator, value });
    expect(f.operator).toBe(number);
    expect(f.target).toEqual({ property: "p" });
    expect(f.on).toEqual([]);
  });

  it("nests and, or and not as operands in filters", async () => {
    const f = await sent({
      or: [
        {
          and: [
            { property: "a", operator: "equal", value: 1 },
            { property: "b", operator: "equal", value: 2 },
          ],
        },
        { not: { or: [{ property: "c", operator: "equal", value: 3 }] } },
      ],
    });
    expect(f.operator).toBe(8);
    expect(f.filters.map((x) => x.operator)).toEqual([7, 15]);
    expect(f.filters[0].filters.map((x) => x.target?.property)).toEqual(["a", "b"]);
    expect(f.filters[1].filters[0].operator).toBe(8);
    expect(f.filters[1].filters[0].filters[0]).toMatchObject({ valueInt: 3, target: { property: "c" } });
  });
});

describe("filter values", () => {
  it.each([
    ["text", "hello", { valueText: "hello" }],
    ["int", 42, { valueInt: 42 }],
    ["number", 4.25, { valueNumber: 4.25 }],
    ["boolean", true, { valueBoolean: true }],
    ["date (RFC 3339 text)", "2026-01-02T03:04:05Z", { valueText: "2026-01-02T03:04:05Z" }],
    ["uuid (text)", ID, { valueText: ID }],
  ])("a %s value is sent in its typed field", async (_kind, value, expected) => {
    const f = await sent({ property: "p", operator: "equal", value });
    expect(f).toMatchObject(expected);
  });

  it.each([
    ["text", ["a", "b"], { valueTextArray: { values: ["a", "b"] } }],
    ["int", [1, 2], { valueIntArray: { values: [1, 2] } }],
    ["number (ints with one fraction)", [1, 2.5], { valueNumberArray: { values: [1, 2.5] } }],
    ["boolean", [true, false], { valueBooleanArray: { values: [true, false] } }],
    ["date", ["2026-01-02T03:04:05Z"], { valueTextArray: { values: ["2026-01-02T03:04:05Z"] } }],
    ["uuid", [ID], { valueTextArray: { values: [ID] } }],
  ])("a %s array is sent in its typed array field", async (_kind, value, expected) => {
    const f = await sent({ property: "p", operator: "containsAny", value });
    expect(f).toMatchObject(expected);
  });

  it("sends a geo range as value_geo with the distance in metres", async () => {
    const f = await sent({
      property: "where",
      operator: "withinGeoRange",
      value: { latitude: 52.5, longitude: 13.5, distance: 2500 },
    });
    expect(f.valueGeo).toEqual({ latitude: 52.5, longitude: 13.5, distance: 2500 });
  });
});

describe("filter targets", () => {
  it("compares _id as lowercase UUID text", async () => {
    const f = await sent({ property: "_id", operator: "containsAny", value: [ID.toUpperCase()] });
    expect(f.target).toEqual({ property: "_id" });
    expect(f.valueTextArray?.values).toEqual([ID]);
  });

  it("sends timestamps given as epoch milliseconds as text, the way Weaviate parses them", async () => {
    const f = await sent({ property: "_creationTimeUnix", operator: "greaterThan", value: 1767323045000 });
    expect(f.target).toEqual({ property: "_creationTimeUnix" });
    expect(f.valueText).toBe("1767323045000");
    expect(f.valueInt).toBeUndefined();
  });

  it("sends an update time given as a date unchanged", async () => {
    const f = await sent({
      property: "_lastUpdateTimeUnix",
      operator: "lessThan",
      value: "2026-01-02T03:04:05Z",
    });
    expect(f).toMatchObject({
      target: { property: "_lastUpdateTimeUnix" },
      valueText: "2026-01-02T03:04:05Z",
    });
  });

  it("sends a single-target reference path as nested single_target", async () => {
    const f = await sent({
      property: { reference: "writtenBy", property: { reference: "worksAt", property: "name" } },
      operator: "equal",
      value: "ACME",
    });
    expect(f.target).toEqual({
      singleTarget: {
        on: "writtenBy",
        target: { singleTarget: { on: "worksAt", target: { property: "name" } } },
      },
    });
  });

  it("sends a multi-target reference path with its target collection", async () => {
    const f = await sent({
      property: { reference: "related", collection: "Note", property: "_id" },
      operator: "equal",
      value: ID,
    });
    expect(f.target).toEqual({
      multiTarget: { on: "related", targetCollection: "Note", target: { property: "_id" } },
    });
  });

  it("sends a reference count with an int value", async () => {
    const f = await sent({
      property: { referenceCount: "writtenBy" },
      operator: "greaterThanEqual",
      value: 2,
    });
    expect(f).toMatchObject({ target: { count: { on: "writtenBy" } }, valueInt: 2, operator: 4 });
  });
});
