import { describe, expect, it } from "vitest";
import * as z from "zod";
import { narrowByKeys } from "./narrow-by-keys.js";
import { SearchBody, searchBodySchemaFor } from "./search.js";

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
      expect(schema).not.toBe(SearchBody);
      const narrow = schema.safeParse(body);
      const full = SearchBody.safeParse(body);
      expect([body, narrow.success, narrow.data]).toEqual([body, full.success, full.data]);
      expect([body, narrow.error?.issues]).toEqual([body, full.error?.issues]);
    }
  });

  it("leave a body with an unknown key, or that is not an object, to the full schema", () => {
    for (const value of [{ limit: 1, limt: 2 }, JSON.parse('{"__proto__": {"limit": 1}}'), [1], "x", null]) {
      expect(settled(value)).toBe(SearchBody);
    }
    const issues = SearchBody.safeParse({ limit: 1, limt: 2 }).error?.issues ?? [];
    expect(issues.map((i) => i.code)).toContain("unrecognized_keys");
  });
});

describe("narrowByKeys", () => {
  const shape = { a: z.int().optional(), b: z.string().optional(), c: z.boolean().optional() };
  const full = z.strictObject(shape);

  it("builds a schema for a key set the second time it is seen, and reuses it", () => {
    let built = 0;
    const pick = narrowByKeys(shape, (s) => (built++, z.strictObject(s)), full);
    expect(pick({ a: 1 })).toBe(full);
    const narrowed = pick({ a: 2 });
    expect(narrowed).not.toBe(full);
    expect(pick({ a: 3 })).toBe(narrowed);
    expect(built).toBe(1);
    expect(narrowed.safeParse({ a: "x" }).error?.issues).toEqual(full.safeParse({ a: "x" }).error?.issues);
  });

  it("builds at most 64 schemas, whatever key sets clients send", () => {
    const keys = Array.from({ length: 8 }, (_, i) => `k${i}`);
    const wide = Object.fromEntries(keys.map((k) => [k, z.int().optional()]));
    const wideFull = z.strictObject(wide);
    let built = 0;
    const pick = narrowByKeys(wide, (s) => (built++, z.strictObject(s)), wideFull);
    for (let mask = 1; mask < 256; mask++) {
      const value = Object.fromEntries(keys.filter((_, i) => mask & (1 << i)).map((k) => [k, 1]));
      pick(value);
      pick(value);
    }
    expect(built).toBe(64);
    expect(pick({ k0: 1, k1: 1, k2: 1, k3: 1, k4: 1, k5: 1, k6: 1, k7: 1 })).toBe(wideFull);
  });

  it("refuses a shape with a required key (an absent one would go unreported)", () => {
    expect(() =>
      narrowByKeys({ a: z.int() }, (s) => z.strictObject(s), z.strictObject({ a: z.int() })),
    ).toThrow(/"a" is not optional/);
  });
});
