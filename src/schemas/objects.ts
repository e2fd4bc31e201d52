import { z } from "zod";
import { AnyVector, ConsistencyLevel, NamedVectors, PropertyName, Tenant, Uuid } from "./common.js";

/** Single-target references as ids; multi-target as {collection, ids}. */
export const ReferenceValue = z.union(
  [z.array(Uuid), z.strictObject({ collection: z.string().min(1), ids: z.array(Uuid) })],
  {
    error: 'must be an array of UUIDs or {"collection", "ids": [..]}',
  },
);

export const ObjectInput = z.strictObject({
  id: Uuid.optional(),
  properties: z.record(PropertyName, z.unknown()).optional(),
  vector: AnyVector.optional(),
  vectors: NamedVectors.optional(),
  references: z.record(PropertyName, ReferenceValue).optional(),
  tenant: Tenant.optional(),
});
export type ObjectInput = z.infer<typeof ObjectInput>;

export const WriteOptions = {
  tenant: Tenant.optional(),
  consistencyLevel: ConsistencyLevel.optional(),
};

export const BatchBody = z.strictObject({
  objects: z.array(ObjectInput).min(1, "must contain at least one object"),
  ...WriteOptions,
});
export type BatchBody = z.infer<typeof BatchBody>;

export interface ObjectResult {
  index: number;
  id: string;
  status: "success" | "failed";
  error?: string;
}

export interface BatchResultJson {
  results: ObjectResult[];
  succeeded: number;
  failed: number;
  tookMs: number;
}
