import { CombinationMethod, type NearVector, type Targets } from "../gen/v1/base_search.js";
import type {
  MetadataRequest,
  ObjectPropertiesRequest,
  PropertiesRequest,
  SearchRequest,
} from "../gen/v1/search_get.js";
import type { MetadataField, NearVectorInput, ReturnProperty, SearchBody } from "../schemas/search.js";
import { isNamed } from "../schemas/search.js";
import { toConsistency } from "./common.js";
import { toFilters } from "./filters.js";
import { toVectors } from "./vectors.js";

/** The one JSON search body → SearchRequest translator. */
export function toSearchRequest(collection: string, body: SearchBody): SearchRequest {
  return {
    collection,
    tenant: body.tenant,
    consistencyLevel: toConsistency(body.consistencyLevel),
    properties: toPropertiesRequest(body.returnProperties),
    metadata: toMetadataRequest(body.returnMetadata, body.includeVector),
    limit: body.limit,
    offset: body.offset,
    autocut: body.autoLimit,
    after: body.after,
    filters: body.filters ? toFilters(body.filters) : undefined,
    nearVector: body.nearVector ? toNearVector(body.nearVector) : undefined,
    // uses_123/125 are ignored since 1.30; uses_127 still selects the generative format (weaviate-wire.md §3).
    uses123Api: true,
    uses125Api: true,
    uses127Api: true,
  };
}

/** rerankScore has no request flag: Weaviate returns it whenever the search reranks. */
const METADATA_FLAGS: Readonly<Record<MetadataField, keyof MetadataRequest | undefined>> = {
  distance: "distance",
  certainty: "certainty",
  score: "score",
  explainScore: "explainScore",
  creationTime: "creationTimeUnix",
  updateTime: "lastUpdateTimeUnix",
  isConsistent: "isConsistent",
  rerankScore: undefined,
};

/** uuid is always requested: an unset MetadataRequest returns no id at all (weaviate-wire.md §10). */
export function toMetadataRequest(
  fields: SearchBody["returnMetadata"],
  includeVector: SearchBody["includeVector"],
): MetadataRequest {
  const request: MetadataRequest = { uuid: true };
  if (includeVector === true) request.vector = true;
  else if (Array.isArray(includeVector)) request.vectors = includeVector;
  const list = fields === "all" ? (Object.keys(METADATA_FLAGS) as MetadataField[]) : (fields ?? []);
  for (const field of list) {
    const flag = METADATA_FLAGS[field];
    if (flag) (request as Record<string, unknown>)[flag] = true;
  }
  return request;
}

/** Unset means "all non-reference properties", so only an explicit list is sent. */
export function toPropertiesRequest(
  list: readonly ReturnProperty[] | undefined,
): PropertiesRequest | undefined {
  if (!list) return undefined;
  const nonRefProperties: string[] = [];
  const objectProperties: ObjectPropertiesRequest[] = [];
  for (const p of list) {
    if (typeof p === "string") nonRefProperties.push(p);
    else objectProperties.push(toObjectPropertiesRequest(p));
  }
  return { nonRefProperties, objectProperties, returnAllNonrefProperties: false };
}

function toObjectPropertiesRequest(p: Exclude<ReturnProperty, string>): ObjectPropertiesRequest {
  const primitiveProperties: string[] = [];
  const objectProperties: ObjectPropertiesRequest[] = [];
  for (const sub of p.properties) {
    if (typeof sub === "string") primitiveProperties.push(sub);
    else objectProperties.push(toObjectPropertiesRequest(sub));
  }
  return { propName: p.name, primitiveProperties, objectProperties };
}

const COMBINATION: Readonly<Record<NonNullable<NearVectorInput["combination"]>, CombinationMethod>> = {
  sum: CombinationMethod.COMBINATION_METHOD_TYPE_SUM,
  min: CombinationMethod.COMBINATION_METHOD_TYPE_MIN,
  average: CombinationMethod.COMBINATION_METHOD_TYPE_AVERAGE,
  relativeScore: CombinationMethod.COMBINATION_METHOD_TYPE_RELATIVE_SCORE,
  manual: CombinationMethod.COMBINATION_METHOD_TYPE_MANUAL,
};

type Targeting = Pick<NearVectorInput, "targetVector" | "combination" | "weights">;

/** Named-vector targets, combination and weights (weights in the order of target_vectors). */
export function toTargets(t: Targeting, names?: readonly string[]): Targets | undefined {
  const targetVectors =
    t.targetVector === undefined
      ? names
      : typeof t.targetVector === "string"
        ? [t.targetVector]
        : t.targetVector;
  if (!targetVectors?.length) return undefined;
  return {
    targetVectors: [...targetVectors],
    combination: t.combination ? COMBINATION[t.combination] : undefined,
    weightsForTargets: t.weights
      ? targetVectors
          .filter((name) => t.weights?.[name] !== undefined)
          .map((target) => ({ target, weight: t.weights![target] }))
      : undefined,
  };
}

/**
 * As the official clients do on Weaviate ≥1.29: one `Vectors` entry for a plain or multi vector, or one
 * `VectorForTarget` per named vector with `targets` listing the names in the same order.
 */
export function toNearVector(nv: NearVectorInput): NearVector {
  const base = { distance: nv.distance, certainty: nv.certainty };
  if (!isNamed(nv.vector)) return { ...base, vectors: [toVectors(nv.vector)], targets: toTargets(nv) };
  const named = nv.vector;
  const targets = toTargets(nv, Object.keys(named));
  return {
    ...base,
    targets,
    vectorForTargets: (targets?.targetVectors ?? []).map((name) => ({
      name,
      vectors: [toVectors(named[name] ?? [], name)],
    })),
  };
}
