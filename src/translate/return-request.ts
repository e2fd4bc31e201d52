import type {
  MetadataRequest,
  ObjectPropertiesRequest,
  PropertiesRequest,
  RefPropertiesRequest,
} from "../gen/v1/search_get.js";
import type {
  IncludeVector,
  MetadataField,
  ReturnMetadata,
  ReturnProperty,
  ReturnReference,
} from "../schemas/search.js";

/** What to return of each object: properties, references, metadata and vectors (search_get.proto). */

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

/** uuid is always requested: an unset MetadataRequest returns no id at all (weaviate-wire.md §10.1). */
export function toMetadataRequest(
  fields: ReturnMetadata | undefined,
  includeVector: IncludeVector | undefined,
  queryProfile = false,
): MetadataRequest {
  const request: MetadataRequest = { uuid: true };
  if (includeVector === true) request.vector = true;
  else if (Array.isArray(includeVector)) request.vectors = includeVector;
  const list = fields === "all" ? (Object.keys(METADATA_FLAGS) as MetadataField[]) : (fields ?? []);
  for (const field of list) {
    const flag = METADATA_FLAGS[field];
    if (flag) (request as Record<string, unknown>)[flag] = true;
  }
  if (queryProfile) request.queryProfile = true;
  return request;
}

/**
 * Unset means "all non-reference properties", so nothing is sent unless properties or references are
 * asked for; references alone still return every non-reference property (as the TS client does).
 */
export function toPropertiesRequest(
  list: readonly ReturnProperty[] | undefined,
  references?: readonly ReturnReference[],
): PropertiesRequest | undefined {
  if (!list && !references?.length) return undefined;
  const nonRefProperties: string[] = [];
  const objectProperties: ObjectPropertiesRequest[] = [];
  for (const p of list ?? []) {
    if (typeof p === "string") nonRefProperties.push(p);
    else objectProperties.push(toObjectPropertiesRequest(p));
  }
  return {
    nonRefProperties,
    objectProperties,
    refProperties: (references ?? []).map(toRefPropertiesRequest),
    returnAllNonrefProperties: list === undefined,
  };
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

/** A reference target's own properties default to all of them, like the top level. */
function toRefPropertiesRequest(ref: ReturnReference): RefPropertiesRequest {
  return {
    referenceProperty: ref.property,
    targetCollection: ref.collection ?? "",
    properties: toPropertiesRequest(ref.returnProperties, ref.returnReferences) ?? {
      nonRefProperties: [],
      objectProperties: [],
      refProperties: [],
      returnAllNonrefProperties: true,
    },
    metadata: toMetadataRequest(ref.returnMetadata, ref.includeVector),
  };
}
