import * as z from "zod";
import { BoostSchema } from "./boost.js";
import { ConsistencyLevel, PropertyName, Tenant, Uuid } from "./common.js";
import { FilterSchema } from "./filters.js";
import { GenerateSchema } from "./generative.js";
import { narrowByKeys } from "./narrow-by-keys.js";
import {
  Bm25Schema,
  checkOperator,
  FastHybridSchema,
  FastNearVectorSchema,
  HybridSchema,
  NearMediaSchema,
  NearObjectSchema,
  NearTextSchema,
  NearVectorSchema,
  SEARCH_OPERATORS,
} from "./search-operators.js";

export { COMBINATIONS, type NearVectorInput, NearVectorSchema, TargetVector } from "./search-operators.js";

/** `"title"` or `{ "name": "address", "properties": ["city", {..}] }` for nested object properties. */
export type ReturnProperty = string | { name: string; properties: ReturnProperty[] };
export const ReturnPropertySchema: z.ZodType<ReturnProperty> = z.lazy(() =>
  z.union(
    [PropertyName, z.strictObject({ name: PropertyName, properties: z.array(ReturnPropertySchema).min(1) })],
    { error: 'must be a property name or {"name", "properties": [..]}' },
  ),
);

export const METADATA_FIELDS = [
  "distance",
  "certainty",
  "score",
  "explainScore",
  "creationTime",
  "updateTime",
  "isConsistent",
  "rerankScore",
] as const;
export type MetadataField = (typeof METADATA_FIELDS)[number];

export const ReturnMetadata = z.union([z.literal("all"), z.array(z.enum(METADATA_FIELDS))]);
export type ReturnMetadata = z.infer<typeof ReturnMetadata>;

export const IncludeVector = z.union([z.boolean(), z.array(PropertyName)]);
export type IncludeVector = z.infer<typeof IncludeVector>;

/** A reference to follow, with what to return of its targets (RefPropertiesRequest). */
export type ReturnReference = {
  property: string;
  collection?: string;
  returnProperties?: ReturnProperty[];
  returnReferences?: ReturnReference[];
  returnMetadata?: ReturnMetadata;
  includeVector?: IncludeVector;
};
export const ReturnReferenceSchema: z.ZodType<ReturnReference> = z.lazy(() =>
  z.strictObject({
    property: PropertyName,
    /** The target collection; required by Weaviate for multi-target references. */
    collection: z.string().min(1).optional(),
    returnProperties: z.array(ReturnPropertySchema).optional(),
    returnReferences: z.array(ReturnReferenceSchema).optional(),
    returnMetadata: ReturnMetadata.optional(),
    includeVector: IncludeVector.optional(),
  }),
);

const SortProperty = z.union([z.enum(["_id", "_creationTimeUnix", "_lastUpdateTimeUnix"]), PropertyName]);
export const SortSchema = z.strictObject({
  property: SortProperty,
  order: z.enum(["asc", "desc"]).optional(),
});

/** Weaviate groups by exactly one property (GroupBy.path must have one entry; weaviate-wire.md §10.6). */
export const GroupBySchema = z.strictObject({
  property: PropertyName,
  numberOfGroups: z.int().min(1),
  objectsPerGroup: z.int().min(1),
});

export const RerankSchema = z.strictObject({ property: PropertyName, query: z.string().optional() });

const operators = {
  nearVector: NearVectorSchema.optional(),
  nearText: NearTextSchema.optional(),
  nearObject: NearObjectSchema.optional(),
  bm25: Bm25Schema.optional(),
  hybrid: HybridSchema.optional(),
  nearImage: NearMediaSchema.optional(),
  nearAudio: NearMediaSchema.optional(),
  nearVideo: NearMediaSchema.optional(),
  nearDepth: NearMediaSchema.optional(),
  nearThermal: NearMediaSchema.optional(),
  nearImu: NearMediaSchema.optional(),
};

/** The search body's keys and their schemas (exported for the narrowing tests). */
export const searchShape = {
  ...operators,
  filters: FilterSchema.optional(),
  limit: z.int().min(1).max(10_000).optional(),
  // No upper bound: Weaviate caps offset + limit with its own, configurable QUERY_MAXIMUM_RESULTS.
  offset: z.int().min(0).optional(),
  autoLimit: z.int().min(1).optional(),
  after: Uuid.optional(),
  sort: z.array(SortSchema).min(1).optional(),
  returnProperties: z.array(ReturnPropertySchema).optional(),
  returnReferences: z.array(ReturnReferenceSchema).optional(),
  returnMetadata: ReturnMetadata.optional(),
  /** Per-search debugging: the shards' query profile (MetadataRequest.query_profile, Weaviate ≥1.38). */
  queryProfile: z.boolean().optional(),
  includeVector: IncludeVector.optional(),
  groupBy: GroupBySchema.optional(),
  rerank: RerankSchema.optional(),
  boost: BoostSchema.optional(),
  generate: GenerateSchema.optional(),
  tenant: Tenant.optional(),
  consistencyLevel: ConsistencyLevel.optional(),
};

/** The search body schema over `shape` (all of it, or the keys one body has: see searchBodySchemaFor). */
export function searchBodySchema(
  shape: Partial<typeof searchShape>,
): z.ZodObject<typeof searchShape, z.core.$strict> {
  // Every key is optional, so a subset of the shape validates the bodies that have only those keys.
  return z.strictObject(shape as typeof searchShape).superRefine(checkSearchBody);
}

export const SearchBody = searchBodySchema(searchShape);
export type SearchBody = z.infer<typeof SearchBody>;

/** searchShape with the query vectors checked by one loop (common.ts isVectorInput). */
const fastSearchShape = {
  ...searchShape,
  nearVector: FastNearVectorSchema.optional(),
  hybrid: FastHybridSchema.optional(),
} as unknown as typeof searchShape;

/** The fast operators parse to exactly the full ones' types (checked here; the cast above cannot drift). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameNearVector: Same<z.output<typeof FastNearVectorSchema>, z.output<typeof NearVectorSchema>> = true;
const sameHybrid: Same<z.output<typeof FastHybridSchema>, z.output<typeof HybridSchema>> = true;
void [sameNearVector, sameHybrid];

/** SearchBody with fast vector checks: it accepts exactly what SearchBody accepts, with the same output. */
export const FastSearchBody = searchBodySchema(fastSearchShape);

/**
 * The schema to validate a search body with first: FastSearchBody narrowed to the keys the body has
 * (narrow-by-keys.ts). A body it refuses goes to SearchBody, whose errors are reported (validateFast).
 */
export const searchBodySchemaFor = narrowByKeys(fastSearchShape, searchBodySchema, FastSearchBody);

type Body = z.infer<z.ZodObject<typeof searchShape, z.core.$strict>>;

/** Combinations Weaviate rejects, reported before any gRPC call with the path of the field at fault. */
function checkSearchBody(body: Body, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: "custom", path, message });
  const present = SEARCH_OPERATORS.filter((k) => body[k] !== undefined);
  if (present.length > 1) {
    for (const k of present.slice(1))
      issue([k], `only one search operator per search; ${present[0]} is already given`);
  }
  for (const k of present) if (k !== "hybrid") checkOperator(k, body[k] as Record<string, unknown>, ctx);
  const hybrid = body.hybrid;
  if (hybrid) {
    // Weaviate refuses two vector sources in one hybrid search (weaviate-wire.md §3 Hybrid, "Errors").
    const subs = (["vector", "nearVector", "nearText"] as const).filter((k) => hybrid[k] !== undefined);
    if (subs.length > 1)
      issue(["hybrid", subs[1]], `give one of vector, nearVector or nearText, not ${subs.join(" and ")}`);
    checkOperator("hybrid", { ...hybrid, vector: hybrid.nearVector?.vector }, ctx);
    if (hybrid.nearVector) checkOperator("hybrid.nearVector", hybrid.nearVector, ctx);
    if (hybrid.nearText) checkOperator("hybrid.nearText", hybrid.nearText, ctx);
  }
  // Weaviate: "sort cannot be combined with a search" (SearchRequest.sort_by, weaviate-wire.md §3).
  if (body.sort && present.length) issue(["sort"], `cannot be combined with ${present[0]}`);
  if (body.after !== undefined) {
    // The cursor API is a plain scan in id order: Weaviate's traverser validateCursor refuses groupBy and
    // every search, and entities/filters ValidateCursor refuses offset, where and sort.
    const conflicts = [
      ...present,
      ...(body.offset ? ["offset"] : []),
      ...(["filters", "sort", "groupBy"] as const).filter((k) => body[k] !== undefined),
    ];
    if (conflicts.length) issue(["after"], `a cursor cannot be combined with ${conflicts.join(", ")}`);
  }
}
