import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as z from "zod";
import { narrowByKeys } from "./narrow-by-keys.js";
import { FastSearchBody, SearchBody, searchBodySchema, searchBodySchemaFor, searchShape } from "./search.js";

/** The schema a value gets once its key set has been seen before (the first sighting uses the full one). */
function settled(value: unknown) {
  searchBodySchemaFor(value);
  return searchBodySchemaFor(value);
}

const BODIES: unknown[] = [
  { limit: 10, returnProperties: ["title", "summary"] },
  { limit: 0, returnProperties: ["title"] },
  { limit: 10, returnProperties: [{ name: "address", properties: ["city"] }] },
  { returnProperties: [{ name: "address", properties: [] }] },
  { nearVector: { vector: [0.1, 0.2] }, limit: 3, returnMetadata: ["distance"] },
  { nearVector: { vector: [0.1] }, bm25: { query: "x" } },
  { bm25: { query: "x" }, sort: [{ property: "title" }] },
  { after: "3fa85f64-5717-4562-b3fc-2c963f66afa6", offset: 5 },
  { hybrid: { query: "x", alpha: 2 } },
  { filters: { property: "n", operator: "GreaterThan", valueInt: 3 }, limit: 1 },
  { tenant: "", consistencyLevel: "QUORUM" },
];

describe("search bodies narrowed to their keys", () => {
  it("get exactly the full schema's verdict, output and errors", () => {
    for (const body of BODIES) {
      const schema = settled(body);
      expect(schema).not.toBe(FastSearchBody);
      const narrow = schema.safeParse(body);
      const full = SearchBody.safeParse(body);
      expect([body, narrow.success, narrow.data]).toEqual([body, full.success, full.data]);
      expect([body, narrow.error?.issues]).toEqual([body, full.error?.issues]);
    }
  });

  it("agree with the full schema on generated bodies, valid and not (seeded property test)", () => {
    const uuid = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
    const values: Record<string, unknown[]> = {
      limit: [10, 0, -1, 1.5, "10", null],
      offset: [0, 5, -1],
      autoLimit: [1, 0],
      after: [uuid, "x"],
      returnProperties: [
        ["title"],
        [],
        [{ name: "a", properties: ["b"] }],
        [{ name: "a", properties: [] }],
        "x",
        [1],
      ],
      returnMetadata: ["all", ["distance"], ["nope"], 3],
      includeVector: [true, ["v"], 1],
      nearVector: [
        { vector: [0.1, 0.2] },
        {},
        { vector: "x" },
        { vector: [0.1], distance: 0.2, certainty: 0.5 },
      ],
      bm25: [{ query: "q" }, {}, { query: "q", properties: ["title^2"] }],
      hybrid: [{ query: "q", alpha: 0.5 }, { query: 1 }, { query: "q", alpha: 2 }],
      nearText: [{ query: "q" }, { query: ["a", "b"] }, {}],
      sort: [[{ property: "title" }], [], [{ property: "title", order: "up" }]],
      filters: [{ property: "n", operator: "Equal", valueInt: 1 }, {}, { and: [] }],
      groupBy: [{ property: "p", numberOfGroups: 2, objectsPerGroup: 3 }, { property: "p" }],
      tenant: ["t", 1],
      consistencyLevel: ["ONE", "SOME"],
      queryProfile: [true, "yes"],
      bogus: [1],
    };
    const body = fc
      .uniqueArray(fc.constantFrom(...Object.keys(values)), { maxLength: 5 })
      .chain((keys) =>
        fc.tuple(...keys.map((k) => fc.constantFrom(...values[k]).map((v) => [k, v] as const))),
      )
      .map((entries) => Object.fromEntries(entries));
    // A narrowing of its own, so other tests' key sets do not use up the 64 it may build.
    const schemaFor = narrowByKeys(searchShape, searchBodySchema, SearchBody);
    let narrowed = 0;
    fc.assert(
      fc.property(body, (b) => {
        schemaFor(b);
        const schema = schemaFor(b);
        if (schema !== SearchBody) narrowed++;
        const got = schema.safeParse(b);
        const want = SearchBody.safeParse(b);
        expect([got.success, got.data, got.error?.issues]).toEqual([
          want.success,
          want.data,
          want.error?.issues,
        ]);
      }),
      { seed: 20261124, numRuns: 400 },
    );
    // Bodies with "bogus" and key sets beyond the first 64 get the full schema; the rest were narrowed.
    expect(narrowed).toBeGreaterThan(150);
  });

  it("leave a body with an unknown key, or that is not an object, to the full schema", () => {
    for (const value of [{ limit: 1, limt: 2 }, JSON.parse('{"__proto__": {"limit": 1}}'), [1], "x", null]) {
      expect(settled(value)).toBe(FastSearchBody);
    }
    const issues = SearchBody.safeParse({ limit: 1, limt: 2 }).error?.issues ?? [];
    expect(issues.map((i) => i.code)).toContain("unrecognized_keys");
  });
});

describe("narrowByKeys", () => {
  const shape = { a: z.int().optional(), b: z.string().optional(), c: z.boolean().optional() };
  const full = z.strictObject(shape);

  /** narrowByKeys over strict objects, counting the schemas it builds. */
  function counting(of: Record<string, z.ZodType>, fullSchema: z.ZodType) {
    const count = { built: 0 };
    const pick = narrowByKeys(
      of,
      (s) => {
        count.built++;
        return z.strictObject(s);
      },
      fullSchema,
    );
    return { pick, count };
  }

  it("builds a schema for a key set the second time it is seen, and reuses it", () => {
    const { pick, count } = counting(shape, full);
    expect(pick({ a: 1 })).toBe(full);
    const narrowed = pick({ a: 2 });
    expect(narrowed).not.toBe(full);
    expect(pick({ a: 3 })).toBe(narrowed);
    expect(count.built).toBe(1);
    expect(narrowed.safeParse({ a: "x" }).error?.issues).toEqual(full.safeParse({ a: "x" }).error?.issues);
  });

  it("builds at most 64 schemas, whatever key sets clients send", () => {
    const keys = Array.from({ length: 8 }, (_, i) => `k${i}`);
    const wide = Object.fromEntries(keys.map((k) => [k, z.int().optional()]));
    const wideFull = z.strictObject(wide);
    const { pick, count } = counting(wide, wideFull);
    for (let mask = 1; mask < 256; mask++) {
      const value = Object.fromEntries(keys.filter((_, i) => mask & (1 << i)).map((k) => [k, 1]));
      pick(value);
      pick(value);
    }
    expect(count.built).toBe(64);
    expect(pick({ k0: 1, k1: 1, k2: 1, k3: 1, k4: 1, k5: 1, k6: 1, k7: 1 })).toBe(wideFull);
  });

  it("refuses a shape with a required key (an absent one would go unreported)", () => {
    expect(() =>
      narrowByKeys({ a: z.int() }, (s) => z.strictObject(s), z.strictObject({ a: z.int() })),
    ).toThrow(/"a" is not optional/);
  });
});
