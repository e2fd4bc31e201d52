import * as z from "zod";

/**
 * Parse options for what is read once per process (the configuration): without them zod compiles a fast
 * path for an object schema on its first parse, which costs more than a single parse gains (about 2 ms of
 * cold start for the environment, keys and hooks together).
 */
export const PARSE_ONCE = { jitless: true } as const;

/** Lowercase canonical UUID text; upper-case input is accepted and lowercased (api.md: UUIDs are lowercase). */
export const Uuid = z
  .string()
  .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, "must be a UUID")
  .transform((s) => s.toLowerCase());

/**
 * Weaviate class names: a letter, then letters, digits and underscores (GraphQL name rules). Checking here
 * keeps path tricks (`..`, `%2F`, spaces) from ever reaching the upstream.
 */
/** What a collection name may be; `isCollectionName` is the same rule without zod, for the hot path. */
const COLLECTION_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const COLLECTION_NAME_MAX = 256;
export const CollectionName = z
  .string()
  .max(COLLECTION_NAME_MAX)
  .regex(COLLECTION_NAME, "must start with a letter and contain only letters, digits and _");

export function isCollectionName(name: string): boolean {
  return name.length <= COLLECTION_NAME_MAX && COLLECTION_NAME.test(name);
}

/** What a property (or named vector) name may be; `isPropertyName` is the same rule without zod. */
const PROPERTY_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PROPERTY_NAME_MAX = 256;
export const PropertyName = z
  .string()
  .min(1)
  .max(PROPERTY_NAME_MAX)
  .regex(PROPERTY_NAME, "must be a property name (letters, digits and _)");

export function isPropertyName(name: string): boolean {
  return name.length <= PROPERTY_NAME_MAX && PROPERTY_NAME.test(name);
}

export const ConsistencyLevel = z.enum(["ONE", "QUORUM", "ALL"]);
export type ConsistencyLevel = z.infer<typeof ConsistencyLevel>;

export const Tenant = z.string().min(1).max(64);

/** A finite JSON number (JSON has no NaN or Infinity; very large literals parse to Infinity). */
export const Finite = z.number().refine(Number.isFinite, "must be a finite number");

export const SingleVector = z.array(Finite).min(1, "must not be empty");
export const MultiVector = z
  .array(SingleVector)
  .min(1, "must not be empty")
  .superRefine((rows, ctx) => {
    // zod runs refinements even after .min(1) failed: an empty list must not reach rows[0].
    if (!rows.length) return;
    const dim = rows[0].length;
    if (dim > 0xffff) ctx.addIssue({ code: "custom", message: "dimension must be at most 65535" });
    rows.forEach((row, i) => {
      if (row.length !== dim) {
        ctx.addIssue({ code: "custom", path: [i], message: `all rows must have the same length (${dim})` });
      }
    });
  });
/** A single vector `[..]` or a multi-vector `[[..],[..]]`. */
export const AnyVector = z.union([SingleVector, MultiVector], {
  error: "must be an array of numbers or an array of arrays of numbers",
});
export type AnyVector = z.infer<typeof AnyVector>;

/** `{ "name": vector }`: named vectors. */
export const NamedVectors = z.record(PropertyName, AnyVector);
export type NamedVectors = z.infer<typeof NamedVectors>;

/*
 * The vector schemas above run every element through a schema and a refinement: 117 µs of the 123 µs it
 * takes to validate a search body with a 1536-dimension vector, and the largest cost of a batch. The
 * checks below accept exactly what they accept, in one loop. Routes validate with the Fast schemas first
 * and let zod explain a refusal (validateFast), so errors read as the full schemas report them.
 */

/** Exactly the values AnyVector accepts. */
export function isVectorInput(value: unknown): value is AnyVector {
  if (!Array.isArray(value) || value.length === 0) return false;
  if (!Array.isArray(value[0])) return allFinite(value);
  const dim = (value[0] as unknown[]).length;
  if (dim === 0 || dim > 0xffff) return false;
  for (const row of value) {
    if (!Array.isArray(row) || row.length !== dim || !allFinite(row)) return false;
  }
  return true;
}

function allFinite(values: unknown[]): boolean {
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (typeof x !== "number" || !Number.isFinite(x)) return false;
  }
  return true;
}

/**
 * Values NamedVectors accepts: all of them except objects without Object's prototype and objects with a
 * `__proto__` key (whose record output zod builds its own way), which are left to zod. The fast path must
 * never give a different result, only a quicker one.
 */
export function isNamedVectors(value: unknown): value is NamedVectors {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const key of Object.keys(value)) {
    if (key === "__proto__" || !isPropertyName(key)) return false;
    if (!isVectorInput((value as Record<string, unknown>)[key])) return false;
  }
  return true;
}

export const FastAnyVector = z.custom<AnyVector>(isVectorInput);
