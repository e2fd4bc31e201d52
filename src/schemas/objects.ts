import * as z from "zod";
import { AnyVector, ConsistencyLevel, FastAnyVector, PropertyName, Tenant, Uuid } from "./common.js";

/** Single-target references as ids; multi-target as {collection, ids}. */
export const ReferenceValue = z.union(
  [z.array(Uuid), z.strictObject({ collection: z.string().min(1), ids: z.array(Uuid) })],
  {
    error: 'must be an array of UUIDs or {"collection", "ids": [..]}',
  },
);

/**
 * A vector as written: checked for emptiness first, so `[]` reads "must not be empty" rather than the
 * union's generic message (and never reaches the multi-vector refinement, which reads `rows[0]`).
 */
export const WriteVector = z.array(z.unknown()).min(1, "must not be empty").pipe(AnyVector);
export const WriteNamedVectors = z.record(PropertyName, WriteVector);

export const ObjectInput = z.strictObject({
  id: Uuid.optional(),
  properties: z.record(PropertyName, z.unknown()).optional(),
  vector: WriteVector.optional(),
  vectors: WriteNamedVectors.optional(),
  references: z.record(PropertyName, ReferenceValue).optional(),
  tenant: Tenant.optional(),
});
export type ObjectInput = z.infer<typeof ObjectInput>;

/**
 * The vector fields checked by one loop (common.ts isVectorInput). A schema extended with them accepts
 * exactly what the original accepts, with the same output: validate with the Fast schema first and with
 * the original only to report a refusal (validateFast).
 */
export const FastWriteNamedVectors = z.record(PropertyName, FastAnyVector);
const fastVectors = {
  vector: FastAnyVector.optional(),
  vectors: FastWriteNamedVectors.optional(),
};
export const FastObjectInput = ObjectInput.extend(fastVectors);

export const WriteOptions = {
  tenant: Tenant.optional(),
  consistencyLevel: ConsistencyLevel.optional(),
};

/** How objects without an `id` get one: random v4, or v5 derived from collection and content. */
export const IdMode = z.enum(["random", "deterministic"]);

export const BatchBody = z.strictObject({
  objects: z.array(ObjectInput).min(1, "must contain at least one object"),
  ...WriteOptions,
  ids: IdMode.optional(),
});
export type BatchBody = z.infer<typeof BatchBody>;
export const FastBatchBody = BatchBody.extend({ objects: z.array(FastObjectInput).min(1) });

/** `POST /v1/collections/{collection}/objects`: one object, plus the request-level options. */
export const ObjectBody = ObjectInput.extend({
  consistencyLevel: ConsistencyLevel.optional(),
  ids: IdMode.optional(),
});
export type ObjectBody = z.infer<typeof ObjectBody>;
export const FastObjectBody = ObjectBody.extend(fastVectors);

export interface ObjectResult {
  index: number;
  id: string;
  status: "success" | "failed";
  error?: string;
  /** Set when the whole gRPC call carrying this object failed (after retries). */
  grpcCode?: string;
}

export interface BatchResultJson {
  results: ObjectResult[];
  succeeded: number;
  failed: number;
  tookMs: number;
}
