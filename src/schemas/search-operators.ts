import * as z from "zod";
import {
  AnyVector,
  FastAnyVector,
  Finite,
  isNamedVectors,
  isVectorInput,
  NamedVectors,
  PropertyName,
  Uuid,
} from "./common.js";

/**
 * The search operators of the search body, named and shaped like Weaviate's TypeScript client v3
 * (`nearVector`, `nearText`, `bm25`, `hybrid`, ...). Cross-field rules that Weaviate would reject (distance
 * with certainty, weights for targets that are not searched) are checked by `checkOperator`.
 */

export const COMBINATIONS = ["sum", "min", "average", "relativeScore", "manual"] as const;

/** Distance or certainty, never both (Weaviate rejects the pair; weaviate-wire.md §10.6). */
const threshold = {
  distance: Finite.optional(),
  certainty: z.number().min(0).max(1).optional(),
};

export const TargetVector = z.union([PropertyName, z.array(PropertyName).min(1)]);

/** Named-vector targets: one name, or several with how their distances combine. */
const targeting = {
  targetVector: TargetVector.optional(),
  combination: z.enum(COMBINATIONS).optional(),
  weights: z.record(PropertyName, Finite).optional(),
};

/** MMR diversity selection (Weaviate ≥1.38): limit ≥1 and balance in [0, 1]. */
export const SelectionSchema = z.strictObject({
  mmr: z.strictObject({
    limit: z.int().min(1).optional(),
    balance: z.number().min(0).max(1).optional(),
  }),
});

/**
 * Empty vectors are refused before the shared vector schemas see them: common.ts's MultiVector refinement
 * reads rows[0] even after its own min(1) check failed (zod 4 runs refinements after failed checks), which
 * would throw on `[]` and answer 500. Remove this guard once that refinement returns early on no rows.
 */
function nonEmpty<T extends z.ZodType>(schema: T) {
  return z
    .unknown()
    .superRefine((v, ctx) => {
      const empty = (x: unknown) => Array.isArray(x) && x.length === 0;
      const named = v !== null && typeof v === "object" && !Array.isArray(v) ? Object.entries(v) : [];
      if (empty(v)) ctx.addIssue({ code: "custom", message: "must not be empty" });
      for (const [k, x] of named)
        if (empty(x)) ctx.addIssue({ code: "custom", path: [k], message: "must not be empty" });
    })
    .pipe(schema);
}

const VectorInput = nonEmpty(
  z.union([AnyVector, NamedVectors], {
    error: "must be a vector [..], a multi-vector [[..],[..]] or named vectors {name: [..]}",
  }),
);

export const NearVectorSchema = z.strictObject({
  vector: VectorInput,
  ...targeting,
  ...threshold,
  selection: SelectionSchema.optional(),
});
export type NearVectorInput = z.infer<typeof NearVectorSchema>;

/** NearVectorSchema with its vector checked by one loop: the same verdict and output (common.ts). */
export const FastNearVectorSchema = NearVectorSchema.extend({
  vector: z.custom<z.infer<typeof VectorInput>>((v) => isVectorInput(v) || isNamedVectors(v)),
});

const Move = z.strictObject({
  force: z.number().min(0).max(1),
  concepts: z.array(z.string().min(1)).optional(),
  objects: z.array(Uuid).optional(),
});

export const NearTextSchema = z.strictObject({
  query: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  moveTo: Move.optional(),
  moveAway: Move.optional(),
  ...targeting,
  ...threshold,
  selection: SelectionSchema.optional(),
});
export type NearTextInput = z.infer<typeof NearTextSchema>;

export const NearObjectSchema = z.strictObject({
  id: Uuid,
  ...targeting,
  ...threshold,
  selection: SelectionSchema.optional(),
});
export type NearObjectInput = z.infer<typeof NearObjectSchema>;

/** `"title^2"`: a property with a BM25 boost, as Weaviate parses it. */
const Bm25Property = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*(\^\d+(\.\d+)?)?$/,
    'must be "name" or "name^boost"',
  );

/** `minimumMatch` is Weaviate's `minimum_or_tokens_match`: only meaningful with the OR operator. */
const bm25Options = {
  operator: z.enum(["and", "or"]).optional(),
  minimumMatch: z.int().min(1).optional(),
};

export const Bm25Schema = z.strictObject({
  query: z.string(),
  properties: z.array(Bm25Property).min(1).optional(),
  ...bm25Options,
});
export type Bm25Input = z.infer<typeof Bm25Schema>;

export const HybridSchema = z.strictObject({
  query: z.string(),
  alpha: z.number().min(0).max(1).optional(),
  vector: nonEmpty(AnyVector).optional(),
  nearVector: NearVectorSchema.pick({ vector: true, distance: true, certainty: true }).optional(),
  nearText: NearTextSchema.pick({
    query: true,
    moveTo: true,
    moveAway: true,
    distance: true,
    certainty: true,
  }).optional(),
  properties: z.array(Bm25Property).min(1).optional(),
  fusion: z.enum(["ranked", "relativeScore"]).optional(),
  maxVectorDistance: z.number().min(0).optional(),
  ...bm25Options,
  ...targeting,
  selection: SelectionSchema.optional(),
});

/** HybridSchema with its vectors checked by one loop: the same verdict and output (common.ts). */
export const FastHybridSchema = HybridSchema.extend({
  vector: FastAnyVector.optional(),
  nearVector: FastNearVectorSchema.pick({ vector: true, distance: true, certainty: true }).optional(),
});
export type HybridInput = z.infer<typeof HybridSchema>;

/** Base64 (standard or URL-safe alphabet), as Weaviate's multi2vec modules take it. */
const Base64 = z
  .string()
  .min(1, "must not be empty")
  .regex(/^[A-Za-z0-9+/_-]+={0,2}$/, "must be base64");

export const NearMediaSchema = z.strictObject({
  media: Base64,
  ...targeting,
  ...threshold,
  selection: SelectionSchema.optional(),
});
export type NearMediaInput = z.infer<typeof NearMediaSchema>;

export const MEDIA_OPERATORS = [
  "nearImage",
  "nearAudio",
  "nearVideo",
  "nearDepth",
  "nearThermal",
  "nearImu",
] as const;
export type MediaOperator = (typeof MEDIA_OPERATORS)[number];

export const SEARCH_OPERATORS = [
  "nearVector",
  "nearText",
  "nearObject",
  "bm25",
  "hybrid",
  ...MEDIA_OPERATORS,
] as const;
export type SearchOperator = (typeof SEARCH_OPERATORS)[number];

export type Targeting = {
  targetVector?: string | string[];
  combination?: string;
  weights?: Record<string, number>;
};

/**
 * The target vectors a search names: `targetVector` as given, else the keys of named query vectors.
 * One definition for validation (here) and translation (translate/search-operators.ts toTargets).
 */
export function targetList(t: Targeting, names?: readonly string[]): readonly string[] | undefined {
  if (t.targetVector === undefined) return names;
  return typeof t.targetVector === "string" ? [t.targetVector] : t.targetVector;
}

/** Operator-level rules Weaviate enforces, reported with the path of the offending field. */
export function checkOperator(name: string, op: Record<string, unknown>, ctx: z.RefinementCtx): void {
  const issue = (field: string, message: string) =>
    ctx.addIssue({ code: "custom", path: [name, field], message });
  if (op.distance !== undefined && op.certainty !== undefined)
    issue("certainty", "give distance or certainty, not both");
  const t = op as Targeting & { vector?: unknown };
  const named =
    t.vector !== undefined && !Array.isArray(t.vector) ? Object.keys(t.vector as object) : undefined;
  const targets = targetList(t, named);
  if (t.combination && (targets?.length ?? 0) < 2) issue("combination", "needs several target vectors");
  // MANUAL and RELATIVE_SCORE weigh every target (base_search.proto Targets): a weight per target, no extras.
  if (t.weights) {
    for (const key of Object.keys(t.weights))
      if (!targets?.includes(key)) issue("weights", `"${key}" is not one of the target vectors`);
    if (t.combination === "manual" || t.combination === "relativeScore") {
      for (const target of targets ?? [])
        if (t.weights[target] === undefined) issue("weights", `needs a weight for "${target}"`);
    }
  } else if (t.combination === "manual" || t.combination === "relativeScore") {
    issue("weights", `"${t.combination}" needs a weight for every target vector`);
  }
  if (named && t.targetVector !== undefined) {
    for (const target of targets ?? [])
      if (!named.includes(target)) issue("targetVector", `no vector given for target "${target}"`);
  }
  if (op.minimumMatch !== undefined && op.operator === "and")
    issue("minimumMatch", 'only applies to operator "or"');
}
