import { Vectors_VectorType } from "../../src/gen/v1/base.js";
import type {
  BatchObject,
  BatchObjectsReply,
  BatchObjectsReply_BatchError,
  BatchObjectsRequest,
} from "../../src/gen/v1/batch.js";
import { decodeProperties, decodeReferences } from "./batch-properties.js";
import { readFloat32s, readMultiVector } from "./little-endian.js";
import { normalizeProperties } from "./property-values.js";
import { putObject } from "./put-object.js";
import { upperFirst } from "./schema.js";
import { shardFor } from "./shard-for.js";
import type { Store } from "./store.js";
import { parseUuid } from "./uuid.js";

/**
 * BatchObjects: every object is written on its own, and a failure is reported as
 * `BatchError{index, error}` with status OK, as Weaviate's batch handler does
 * (adapters/handlers/grpc/v1/batch/handler.go). The checks run in Weaviate's order: collection, references,
 * UUID (Go's uuid.Parse texts, e.g. "invalid UUID length: 0"), vectors, tenancy, property validation, cap.
 * A write with an existing id replaces the object; creation and update times are both set to now, since a
 * batch write is a full replace in Weaviate (usecases/objects/batch_add.go).
 */
export function batchObjects(store: Store, request: BatchObjectsRequest): BatchObjectsReply {
  const started = performance.now();
  const now = Date.now();
  const errors: BatchObjectsReply_BatchError[] = [];
  (request.objects ?? []).forEach((object, index) => {
    try {
      writeObject(store, object, now);
    } catch (error) {
      errors.push({ index, error: error instanceof Error ? error.message : String(error) });
    }
  });
  return { took: (performance.now() - started) / 1000, errors };
}

function writeObject(store: Store, object: BatchObject, now: number): void {
  const name = upperFirst(object.collection ?? "");
  if (name === "") throw new Error("class '' not present in schema");
  const props = object.properties ? decodeProperties(object.properties) : {};
  const refs = object.properties ? decodeReferences(object.properties, store.get(name)?.schema) : {};
  const id = parseUuid(object.uuid ?? "");
  const vectors = decodeVectors(object);
  const tenant = object.tenant ?? "";
  const collection = store.getOrCreate(name, tenant !== "");
  const shard = shardFor(collection, tenant, true);
  const properties = { ...normalizeProperties(collection.schema.properties, props, name), ...refs };
  putObject(store, collection, shard, {
    id,
    properties,
    vectors,
    creationTimeUnix: now,
    lastUpdateTimeUnix: now,
  });
}

/**
 * The unnamed vector from `vector_bytes` (float32 LE) or else the deprecated `vector`; named vectors from
 * `vectors`, where UNSPECIFIED and SINGLE_FP32 are single vectors and MULTI_FP32 carries the uint16 dimension
 * header. A repeated name overwrites the earlier entry; empty vectors mean "no vector".
 */
function decodeVectors(object: BatchObject): Map<string, number[] | number[][]> {
  const vectors = new Map<string, number[] | number[][]>();
  const unnamed = object.vectorBytes?.length ? readFloat32s(object.vectorBytes) : (object.vector ?? []);
  if (unnamed.length > 0) vectors.set("", unnamed);
  for (const v of object.vectors ?? []) {
    const bytes = v.vectorBytes ?? new Uint8Array();
    const type = v.type ?? Vectors_VectorType.VECTOR_TYPE_UNSPECIFIED;
    let decoded: number[] | number[][] | undefined;
    if (type === Vectors_VectorType.VECTOR_TYPE_MULTI_FP32) decoded = readMultiVector(bytes);
    else if (type !== Vectors_VectorType.UNRECOGNIZED) decoded = readFloat32s(bytes);
    if (decoded && decoded.length > 0) vectors.set(v.name ?? "", decoded);
  }
  return vectors;
}
