import { type Vectors, Vectors_VectorType } from "../../src/gen/v1/base.js";
import type { NearVector } from "../../src/gen/v1/base_search.js";
import { readFloat32s, readMultiVector } from "./little-endian.js";
import type { CollectionSchema } from "./schema.js";

export type QueryVector = number[] | number[][];

/**
 * The query vector for each target of a NearVector, with Weaviate's precedence and errors (`parseNearVec` in
 * parse_search_request.go): `vectors` (exactly one entry) over `vector_bytes` over the deprecated `vector`;
 * only then `vector_for_targets` (one entry per target, in target order) or `vector_per_target`. A single or
 * multi vector must match the kind of the target's index.
 */
export function nearVectorQueries(
  nearVector: NearVector,
  targets: string[],
  schema: CollectionSchema,
): QueryVector[] {
  let single: QueryVector | undefined;
  const vectors = nearVector.vectors ?? [];
  if (vectors.length > 1)
    throw new Error(`near_vector: only 1 vector supported, found ${vectors.length} vectors`);
  if (vectors.length === 1) single = decodeVectors(vectors[0], "near_vector");
  else if (nearVector.vectorBytes?.length) single = readFloat32s(nearVector.vectorBytes);
  else if (nearVector.vector?.length) single = nearVector.vector;

  const forTargets = nearVector.vectorForTargets ?? [];
  const perTarget = nearVector.vectorPerTarget ?? {};
  if (single && (forTargets.length > 0 || Object.keys(perTarget).length > 0)) {
    throw new Error("near_vector: either vector or VectorPerTarget must be provided, not both");
  }
  if (single) {
    const query = single;
    return targets.map((target) => {
      const multi = Array.isArray(query[0]);
      const indexMulti = schema.vectors.get(target)?.multi ?? false;
      if (multi && !indexMulti) {
        throw new Error(
          "near_vector: provided vector is a multi vector but vector index supports regular vectors",
        );
      }
      if (!multi && indexMulti) {
        throw new Error(
          "near_vector: provided vector is a regular vector but vector index supports multi vectors",
        );
      }
      return query;
    });
  }
  if (forTargets.length > 0) {
    if (forTargets.length !== targets.length) {
      throw new Error("near_vector: vector for target must have the same lengths as target vectors");
    }
    return targets.map((target) => {
      const entry = forTargets.find((f) => f.name === target);
      if (!entry) {
        const names = forTargets.map((f) => f.name).join(" ");
        throw new Error(
          `near_vector: vector for target ${target} is required. All target vectors: [${targets.join(" ")}] all vectors for targets [${names}]`,
        );
      }
      if (entry.vectors?.length) return decodeVectors(entry.vectors[0], "near_vector: vector for targets");
      return readFloat32s(entry.vectorBytes ?? new Uint8Array());
    });
  }
  if (Object.keys(perTarget).length > 0) {
    return targets.map((target) => {
      const bytes = perTarget[target];
      if (!bytes) throw new Error("near_vector: vector per target must be provided for all targets");
      return readFloat32s(bytes);
    });
  }
  throw new Error("near_vector: vector is required");
}

/** One `Vectors` message: float32 LE, or with the uint16 dimension header when MULTI_FP32. */
export function decodeVectors(vectors: Vectors, context: string): QueryVector {
  const bytes = vectors.vectorBytes ?? new Uint8Array();
  if (vectors.type === Vectors_VectorType.VECTOR_TYPE_MULTI_FP32) {
    try {
      return readMultiVector(bytes);
    } catch (error) {
      throw new Error(`${context}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return readFloat32s(bytes);
}
