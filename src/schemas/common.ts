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

export const PropertyName = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be a property name (letters, digits and _)");

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
