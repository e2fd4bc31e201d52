import { type Vectors, Vectors_VectorType } from "../../src/gen/v1/base.js";
import type { Value } from "../../src/gen/v1/properties.js";
import type {
  MetadataRequest,
  MetadataResult,
  PropertiesResult,
  SearchResult,
} from "../../src/gen/v1/search_get.js";
import { writeFloat32s, writeMultiVector } from "./little-endian.js";
import type { RefSelection, Selection } from "./property-selection.js";
import { referencesOf, resolveReference } from "./references.js";
import { encodeValue, NULL_VALUE, type Selected } from "./reply-values.js";
import { type CollectionSchema, findProperty, namedVectors } from "./schema.js";
import type { Store, StoredObject } from "./store.js";
import { uuidToBytes } from "./uuid.js";
import { certaintyOf } from "./vector-search.js";

/** One ranked object with whatever its search produced. */
export interface Hit {
  object: StoredObject;
  distance?: number;
  score?: number;
  explain?: string;
}

export interface ReplyContext {
  store: Store;
  tenant: string;
  schema: CollectionSchema;
  selection: Selection;
  metadata: MetadataRequest | undefined;
  /** Certainty is only reported for single-vector searches (cosine); Weaviate drops it otherwise. */
  certainty: boolean;
}

/**
 * One SearchResult as Weaviate's replier builds it (adapters/handlers/grpc/v1/prepare_reply.go): the
 * metadata message is always there but holds only what was requested, each value with its `*_present`
 * flag; the unnamed vector goes in `vector_bytes` (and the deprecated `vector`), named vectors in `vectors`
 * (all of them when `vector` is requested); requested properties without a value come back as null_value.
 */
export function searchResult(hit: Hit, context: ReplyContext): SearchResult {
  return {
    properties: propertiesResult(hit.object, context.schema, context.selection, context),
    metadata: metadataResult(hit, context.schema, context.metadata, context.certainty),
  };
}

export function metadataResult(
  hit: Hit,
  schema: CollectionSchema,
  request: MetadataRequest | undefined,
  certainty: boolean,
): MetadataResult {
  const out: MetadataResult = {};
  if (!request) return out;
  const { object } = hit;
  if (request.uuid) Object.assign(out, { id: object.id, idAsBytes: uuidToBytes(object.id) });
  const unnamed = object.vectors.get("");
  if (request.vector && unnamed && !Array.isArray(unnamed[0])) {
    Object.assign(out, { vector: unnamed, vectorBytes: writeFloat32s(unnamed as number[]) });
  }
  const names = new Set([...(request.vector ? namedVectors(schema) : []), ...(request.vectors ?? [])]);
  const vectors: Vectors[] = [];
  for (const name of names) {
    const vector = object.vectors.get(name);
    if (!vector || vector.length === 0) continue;
    const multi = Array.isArray(vector[0]);
    vectors.push({
      name,
      vectorBytes: multi ? writeMultiVector(vector as number[][]) : writeFloat32s(vector as number[]),
      type: multi ? Vectors_VectorType.VECTOR_TYPE_MULTI_FP32 : Vectors_VectorType.VECTOR_TYPE_SINGLE_FP32,
    });
  }
  if (vectors.length > 0) out.vectors = vectors;
  if (request.creationTimeUnix) {
    Object.assign(out, { creationTimeUnix: BigInt(object.creationTimeUnix), creationTimeUnixPresent: true });
  }
  if (request.lastUpdateTimeUnix) {
    Object.assign(out, {
      lastUpdateTimeUnix: BigInt(object.lastUpdateTimeUnix),
      lastUpdateTimeUnixPresent: true,
    });
  }
  if (request.distance && hit.distance !== undefined)
    Object.assign(out, { distance: hit.distance, distancePresent: true });
  if (request.certainty && certainty && hit.distance !== undefined) {
    Object.assign(out, { certainty: certaintyOf(hit.distance), certaintyPresent: true });
  }
  if (request.score && hit.score !== undefined) Object.assign(out, { score: hit.score, scorePresent: true });
  if (request.explainScore && hit.explain !== undefined) {
    Object.assign(out, { explainScore: hit.explain, explainScorePresent: true });
  }
  if (request.isConsistent) Object.assign(out, { isConsistent: true, isConsistentPresent: true });
  return out;
}

function propertiesResult(
  object: StoredObject,
  schema: CollectionSchema,
  selection: Selection,
  context: ReplyContext,
): PropertiesResult {
  const fields = encodeProperties(object, schema, selection.properties);
  const out: PropertiesResult = {
    targetCollection: schema.name,
    refPropsRequested: selection.refs.length > 0,
  };
  if (Object.keys(fields).length > 0) out.nonRefProps = { fields };
  if (selection.refs.length > 0) out.refProps = selection.refs.map((ref) => refResult(object, ref, context));
  return out;
}

function encodeProperties(object: StoredObject, schema: CollectionSchema, selected: Selected[]) {
  const fields: Record<string, Value> = {};
  for (const { name, nested } of selected) {
    const prop = findProperty(schema.properties, name);
    const value = object.properties[name];
    fields[name] = prop && value !== undefined ? encodeValue(prop, value, nested) : NULL_VALUE;
  }
  return fields;
}

function refResult(object: StoredObject, ref: RefSelection, context: ReplyContext) {
  const properties = referencesOf(object, ref.name)
    .filter((r) => r.collection === ref.targetCollection)
    .map((r) => resolveReference(context.store, r, context.tenant))
    .filter((target): target is StoredObject => target !== undefined)
    .map((target) => ({
      ...propertiesResult(target, ref.schema, ref, context),
      metadata: metadataResult({ object: target }, ref.schema, ref.metadata, false),
    }));
  return { propName: ref.name, properties };
}
