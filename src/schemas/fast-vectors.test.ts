import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type * as z from "zod";
import { ApiError } from "../errors/api-error.js";
import { validate, validateFast } from "../http/read-body.js";
import { AnyVector, isNamedVectors, isVectorInput, NamedVectors } from "./common.js";
import {
  BatchBody,
  FastBatchBody,
  FastObjectBody,
  FastObjectInput,
  ObjectBody,
  ObjectInput,
  WriteVector,
} from "./objects.js";
import { SearchBody, searchBodySchemaFor } from "./search.js";
import { FastWeaviateRestBatchBody, WeaviateRestBatchBody } from "./weaviate-rest.js";

/** What validating gives a client: the value, or the problem's field errors. */
function outcome(run: () => unknown): unknown {
  try {
    return { ok: run() };
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    return { status: e.status, errors: e.errors };
  }
}

const wide = Array.from({ length: 0x10000 }, () => 0);

/** Vectors a client might send, valid and not, including each edge the zod schemas draw. */
const VECTOR_CASES: unknown[] = [
  [0.1, -2, 3e10],
  [0],
  [-0],
  [
    [1, 2],
    [3, 4],
  ],
  [[1], [2], [3]],
  [],
  [[]],
  [[], []],
  [1, [2]],
  [[1, 2], [3]],
  [[1, 2], 3],
  [1, "2"],
  [1, null],
  [Number.POSITIVE_INFINITY],
  [[1, Number.NaN]],
  [[1, "x"]],
  "vector",
  { 0: 1, length: 1 },
  null,
  [true],
  [wide],
  [wide.slice(1)],
  Array.from({ length: 1536 }, (_, i) => i / 1536),
];

/** Generated vectors: mostly valid ones or nearly so, with the ways they go wrong mixed in. */
const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
const element = fc.oneof(
  { weight: 12, arbitrary: finite },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>("1", null, true, Number.NaN, Number.POSITIVE_INFINITY, []),
  },
);
const vector = fc.oneof(
  { weight: 3, arbitrary: fc.array(finite, { minLength: 1, maxLength: 6 }) },
  // Rows of one length or (often) not.
  {
    weight: 3,
    arbitrary: fc.array(fc.array(finite, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
  },
  { weight: 2, arbitrary: fc.array(element, { maxLength: 6 }) },
  { weight: 2, arbitrary: fc.array(fc.array(element, { maxLength: 3 }), { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>("v", null, 3, {}, [[1], 2]) },
);
const name = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("a", "b_2", "_x") },
  { weight: 1, arbitrary: fc.constantFrom("2a", "", "a-b", "x".repeat(257), "__proto__") },
);
const named = fc
  .array(fc.tuple(name, vector), { maxLength: 3 })
  .map((entries) => JSON.parse(JSON.stringify(Object.fromEntries(entries))) as unknown);

describe("fast vector checks", () => {
  it("isVectorInput accepts exactly what AnyVector and WriteVector accept", () => {
    for (const value of VECTOR_CASES) {
      const want = AnyVector.safeParse(value).success;
      expect([value, isVectorInput(value)]).toEqual([value, want]);
      expect(WriteVector.safeParse(value).success).toBe(want);
    }
    fc.assert(
      fc.property(vector, (v) => {
        expect(isVectorInput(v)).toBe(AnyVector.safeParse(v).success);
      }),
      { seed: 20261124, numRuns: 500 },
    );
  });

  it("isNamedVectors accepts what NamedVectors accepts, leaving only __proto__ to zod", () => {
    fc.assert(
      fc.property(named, (v) => {
        const want = NamedVectors.safeParse(v);
        if (isNamedVectors(v)) expect(want.data).toEqual(v);
        else if (!Object.hasOwn(v as object, "__proto__")) expect(want.success).toBe(false);
      }),
      { seed: 20261124, numRuns: 500 },
    );
    expect(isNamedVectors(JSON.parse('{"__proto__": [1]}'))).toBe(false);
    expect(isNamedVectors([[1]])).toBe(false);
    expect(isNamedVectors({})).toBe(true);
  });
});

/** Runs `fast` first and `full` for the errors (as the routes do), against `full` alone. */
function expectSameAsFull<S extends z.ZodType>(fast: z.ZodType<z.infer<S>>, full: S, value: unknown) {
  expect([value, outcome(() => validateFast(fast, full, value))]).toEqual([
    value,
    outcome(() => validate(full, value)),
  ]);
}

describe("routes validating with fast vectors first", () => {
  it("give search bodies the value or errors SearchBody gives (seeded property test)", () => {
    const anyVector = fc.oneof(vector, named);
    const extras = {
      limit: fc.constantFrom(1, 3, 3, 0),
      returnMetadata: fc.constantFrom(["distance"], ["distance"], ["nope"]),
    };
    const nearVector = fc.oneof(
      fc.record({ vector: anyVector }),
      fc.record({ vector: anyVector, distance: fc.constantFrom(0.2, 0.2, -1) }),
      fc.record({ vector: named, targetVector: fc.constantFrom("a", ["a", "b"]) }),
      fc.record({
        vector: named,
        targetVector: fc.constantFrom("a", "c"),
        combination: fc.constantFrom("sum", "min"),
      }),
    );
    const hybrid = fc.record(
      {
        query: fc.constantFrom("q", "q", 1),
        vector,
        nearVector: fc.record({ vector: anyVector, distance: fc.constantFrom(0.1, 0.1, 5) }),
        alpha: fc.constantFrom(0.5, 0.5, 2),
      },
      { requiredKeys: ["query"] },
    );
    const body = fc
      .oneof(
        fc.record({ nearVector, ...extras }, { requiredKeys: ["nearVector"] }),
        fc.record({ hybrid, ...extras }, { requiredKeys: ["hybrid"] }),
        fc.record({ nearVector, hybrid }),
      )
      .map((b) => JSON.parse(JSON.stringify(b)) as unknown);
    let accepted = 0;
    fc.assert(
      fc.property(body, (b) => {
        // Twice: the second sighting of a key set gets its own narrowed schema.
        expectSameAsFull(searchBodySchemaFor(b), SearchBody, b);
        expectSameAsFull(searchBodySchemaFor(b), SearchBody, b);
        if (SearchBody.safeParse(b).success) accepted++;
      }),
      { seed: 20261124, numRuns: 400 },
    );
    // Both verdicts occur (most bodies break a cross-field rule somewhere, which is how clients err too).
    expect(accepted).toBeGreaterThan(25);
    expect(accepted).toBeLessThan(375);
  });

  it("give objects, batches and import lines the value or errors the full schemas give", () => {
    const object = fc
      .record(
        {
          id: fc.constantFrom("3fa85f64-5717-4562-b3fc-2c963f66afa6", "x"),
          properties: fc.constantFrom({ title: "t" }, { "bad-name": 1 }),
          vector,
          vectors: named,
          tenant: fc.constantFrom("t", ""),
        },
        { requiredKeys: [] },
      )
      .map((o) => JSON.parse(JSON.stringify(o)) as unknown);
    fc.assert(
      fc.property(object, fc.array(object, { maxLength: 3 }), (o, objects) => {
        expectSameAsFull(FastObjectInput, ObjectInput, o);
        expectSameAsFull(FastObjectBody, ObjectBody, { ...(o as object), consistencyLevel: "ONE" });
        expectSameAsFull(FastBatchBody, BatchBody, { objects });
        // Weaviate's own REST batch shape: a class per object, null for "no vector".
        const rest = objects.map((x) => ({ class: "Article", ...(x as object) }));
        expectSameAsFull(FastWeaviateRestBatchBody, WeaviateRestBatchBody, { objects: rest });
        expectSameAsFull(FastWeaviateRestBatchBody, WeaviateRestBatchBody, {
          objects: [{ class: "Article", vector: null, vectors: null, extra: 1 }, ...rest],
        });
      }),
      { seed: 20261124, numRuns: 300 },
    );
  });

  it("take the fast path for valid vectors (zod's per-element check is what they avoid)", () => {
    // zod's array schemas copy what they parse; the one-loop check hands the very array through.
    const body = { nearVector: { vector: Array.from({ length: 1536 }, (_, i) => i / 7) }, limit: 3 };
    searchBodySchemaFor(body);
    expect(searchBodySchemaFor(body).parse(body).nearVector?.vector).toBe(body.nearVector.vector);
    expect(SearchBody.parse(body).nearVector?.vector).not.toBe(body.nearVector.vector);
    const named = { nearVector: { vector: { a: [1, 2], b: [[1], [2]] } } };
    expect(searchBodySchemaFor(named).parse(named).nearVector?.vector).toBe(named.nearVector.vector);
    const object = { vector: [1, 2, 3] };
    expect(FastObjectInput.parse(object).vector).toBe(object.vector);
    expect(FastBatchBody.parse({ objects: [object] }).objects[0].vector).toBe(object.vector);
    // The fast schema refuses what it cannot vouch for, leaving the explanation to SearchBody.
    const bad = { nearVector: { vector: [1, "2"] } };
    expect(searchBodySchemaFor(bad).safeParse(bad).success).toBe(false);
    expect(outcome(() => validateFast(searchBodySchemaFor(bad), SearchBody, bad))).toMatchObject({
      status: 400,
      errors: expect.arrayContaining([
        expect.objectContaining({ path: expect.stringMatching(/^nearVector\.vector/) }),
      ]),
    });
  });
});
