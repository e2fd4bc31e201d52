import * as z from "zod";
import { CollectionName, ConsistencyLevel, FastAnyVector, Uuid } from "./common.js";
import { FastWriteNamedVectors, WriteNamedVectors, WriteVector } from "./objects.js";

/**
 * Weaviate's own REST batch request (`POST /v1/batch/objects`, models.BatchObjectsRequest body). Unknown
 * object fields (creationTimeUnix, additional, vectorWeights...) are accepted and ignored, as a drop-in
 * must not reject what Weaviate accepts. References are beacons inside `properties`.
 */
export const WeaviateRestObject = z.object({
  class: CollectionName,
  id: Uuid.optional(),
  properties: z.record(z.string(), z.unknown()).nullish(),
  vector: WriteVector.nullish(),
  vectors: WriteNamedVectors.nullish(),
  // Weaviate treats "" as "no tenant".
  tenant: z.string().max(64).nullish(),
});
export type WeaviateRestObject = z.infer<typeof WeaviateRestObject>;

export const WeaviateRestBatchBody = z.object({
  fields: z.array(z.string()).optional(),
  objects: z.array(WeaviateRestObject).min(1, "must contain at least one object"),
});

/** WeaviateRestBatchBody with vectors checked in one loop (objects.ts): the same verdict and output. */
export const FastWeaviateRestBatchBody = WeaviateRestBatchBody.extend({
  objects: z
    .array(
      WeaviateRestObject.extend({
        vector: FastAnyVector.nullish(),
        vectors: FastWriteNamedVectors.nullish(),
      }),
    )
    .min(1),
});

export const WeaviateRestQuery = z.object({ consistency_level: ConsistencyLevel.optional() });

/** One element of Weaviate's response array (models.ObjectsGetResponse). */
export interface WeaviateRestObjectResult {
  class: string;
  id: string;
  properties: Record<string, unknown>;
  vector?: unknown;
  vectors?: unknown;
  tenant?: string;
  result: { status: "SUCCESS" | "FAILED"; errors?: { error: { message: string }[] } };
}
