import type {
  BatchReferencesReply,
  BatchReferencesReply_BatchError,
  BatchReferencesRequest,
} from "../../src/gen/v1/batch.js";
import type { Reference } from "./batch-properties.js";
import { findProperty, noSuchPropertyMessage, upperFirst } from "./schema.js";
import { shardFor } from "./shard-for.js";
import type { Store } from "./store.js";
import { parseUuid } from "./uuid.js";

/**
 * BatchReferences: appends a reference to an existing object's reference property. The property must be in
 * the schema (defined with `store.define`, since auto-schema cannot create reference properties from gRPC);
 * without `to_collection` the property's single target collection is used. Failures are per-reference
 * `BatchError{index, error}` with status OK, as for objects.
 */
export function batchReferences(store: Store, request: BatchReferencesRequest): BatchReferencesReply {
  const started = performance.now();
  const errors: BatchReferencesReply_BatchError[] = [];
  (request.references ?? []).forEach((ref, index) => {
    try {
      const from = upperFirst(ref.fromCollection ?? "");
      const collection = store.get(from);
      if (!collection) throw new Error(`class ${from} not found`);
      const prop = findProperty(collection.schema.properties, ref.name ?? "");
      if (prop?.dataType !== "cref") throw new Error(noSuchPropertyMessage(ref.name ?? "", from));
      const fromId = parseUuid(ref.fromUuid ?? "");
      const object = shardFor(collection, ref.tenant ?? "").objects.get(fromId);
      if (!object) throw new Error(`source object ${from}/${fromId} not found`);
      const target: Reference = {
        collection: ref.toCollection ? upperFirst(ref.toCollection) : (prop.targetCollections?.[0] ?? ""),
        id: parseUuid(ref.toUuid ?? ""),
      };
      const existing = (object.properties[prop.name] as Reference[] | undefined) ?? [];
      object.properties[prop.name] = [...existing, target];
    } catch (error) {
      errors.push({ index, error: error instanceof Error ? error.message : String(error) });
    }
  });
  return { took: (performance.now() - started) / 1000, errors };
}
