import { z } from "zod";
import { AnyVector, ConsistencyLevel, Finite, NamedVectors, PropertyName, Tenant, Uuid } from "./common.js";
import { FilterSchema } from "./filters.js";

/** `"title"` or `{ "name": "address", "properties": ["city", {..}] }` for nested object properties. */
export type ReturnProperty = string | { name: string; properties: ReturnProperty[] };
export const ReturnPropertySchema: z.ZodType<ReturnProperty> = z.lazy(() =>
  z.union(
    [PropertyName, z.strictObject({ name: PropertyName, properties: z.array(ReturnPropertySchema).min(1) })],
    {
      error: 'must be a property name or {"name", "properties": [..]}',
    },
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

export const COMBINATIONS = ["sum", "min", "average", "relativeScore", "manual"] as const;

/** Distance or certainty, never both (Weaviate rejects the pair). */
const threshold = {
  distance: Finite.optional(),
  certainty: z.number().min(0).max(1).optional(),
};

export const TargetVector = z.union([PropertyName, z.array(PropertyName).min(1)]);

const targeting = {
  targetVector: TargetVector.optional(),
  combination: z.enum(COMBINATIONS).optional(),
  weights: z.record(PropertyName, Finite).optional(),
};

export const NearVectorSchema = z.strictObject({
  vector: z.union([AnyVector, NamedVectors], {
    error: "must be a vector [..], a multi-vector [[..],[..]] or named vectors {name: [..]}",
  }),
  ...targeting,
  ...threshold,
});
export type NearVectorInput = z.infer<typeof NearVectorSchema>;

export const SearchBody = z
  .strictObject({
    nearVector: NearVectorSchema.optional(),
    filters: FilterSchema.optional(),
    limit: z.int().min(1).max(10_000).optional(),
    offset: z.int().min(0).optional(),
    autoLimit: z.int().min(1).optional(),
    after: Uuid.optional(),
    returnProperties: z.array(ReturnPropertySchema).optional(),
    returnMetadata: ReturnMetadata.optional(),
    includeVector: z.union([z.boolean(), z.array(PropertyName)]).optional(),
    tenant: Tenant.optional(),
    consistencyLevel: ConsistencyLevel.optional(),
  })
  .superRefine((body, ctx) => {
    const nv = body.nearVector;
    if (nv?.distance !== undefined && nv.certainty !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["nearVector", "certainty"],
        message: "give distance or certainty, not both",
      });
    }
    if (body.after !== undefined && nv) {
      ctx.addIssue({
        code: "custom",
        path: ["after"],
        message: "a cursor cannot be combined with a search operator",
      });
    }
    if (nv?.combination && !Array.isArray(nv.targetVector) && !isNamed(nv.vector)) {
      ctx.addIssue({
        code: "custom",
        path: ["nearVector", "combination"],
        message: "needs several target vectors",
      });
    }
  });
export type SearchBody = z.infer<typeof SearchBody>;

export function isNamed(vector: NearVectorInput["vector"]): vector is Record<string, AnyVector> {
  return !Array.isArray(vector);
}
