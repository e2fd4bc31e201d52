import type { ObjectPropertiesValue } from "../../src/gen/v1/base.js";
import type { BatchObject_Properties } from "../../src/gen/v1/batch.js";
import { readFloat64s } from "./little-endian.js";
import { type CollectionSchema, findProperty, noSuchPropertyMessage, upperFirst } from "./schema.js";

/** A stored reference: the target collection and object id (Weaviate keeps a beacon with the same parts). */
export interface Reference {
  collection: string;
  id: string;
}

/**
 * BatchObject properties → a plain map, as Weaviate's `extractPrimitiveProperties`
 * (adapters/handlers/grpc/v1/batch/parse.go): the Struct first, then the typed arrays overriding keys of the
 * same name, nested objects recursively, and `empty_list_props` as empty lists. Number arrays come from
 * `values_bytes` (float64 LE) when it is non-empty, else from the deprecated `values`. Int arrays stay bigint
 * so auto-schema can tell them from numbers.
 */
export function decodeProperties(
  value: ObjectPropertiesValue | BatchObject_Properties,
): Record<string, unknown> {
  const props: Record<string, unknown> = { ...(value.nonRefProperties ?? {}) };
  for (const p of value.booleanArrayProperties ?? []) props[p.propName ?? ""] = p.values ?? [];
  for (const p of value.numberArrayProperties ?? []) {
    props[p.propName ?? ""] = p.valuesBytes?.length ? readFloat64s(p.valuesBytes) : (p.values ?? []);
  }
  for (const p of value.textArrayProperties ?? []) props[p.propName ?? ""] = p.values ?? [];
  for (const p of value.intArrayProperties ?? []) props[p.propName ?? ""] = p.values ?? [];
  for (const p of value.objectProperties ?? []) props[p.propName ?? ""] = decodeProperties(p.value ?? {});
  for (const p of value.objectArrayProperties ?? []) {
    props[p.propName ?? ""] = (p.values ?? []).map((v) => decodeProperties(v));
  }
  for (const name of value.emptyListProps ?? []) props[name] = [];
  return props;
}

/**
 * Single- and multi-target reference properties → stored references. As in Weaviate, references are only
 * read when the collection already exists (auto-schema cannot create reference properties from gRPC), the
 * property must exist, and its arity must match the message used.
 */
export function decodeReferences(
  value: BatchObject_Properties,
  schema: CollectionSchema | undefined,
): Record<string, Reference[]> {
  const refs: Record<string, Reference[]> = {};
  if (!schema) return refs;
  const refProperty = (name: string) => {
    const prop = findProperty(schema.properties, name);
    if (!prop) throw new Error(noSuchPropertyMessage(name, schema.name));
    return { name: prop.name, targets: prop.targetCollections ?? [] };
  };
  for (const single of value.singleTargetRefProps ?? []) {
    const prop = refProperty(single.propName ?? "");
    if (prop.targets.length > 1) {
      throw new Error(`target is a multi-target reference, need single target [${prop.targets.join(" ")}]`);
    }
    refs[prop.name] = (single.uuids ?? []).map((id) => ({ collection: prop.targets[0] ?? "", id }));
  }
  for (const multi of value.multiTargetRefProps ?? []) {
    const prop = refProperty(multi.propName ?? "");
    if (prop.targets.length < 2) {
      throw new Error(`target is a single-target reference, need multi-target [${prop.targets.join(" ")}]`);
    }
    const collection = upperFirst(multi.targetCollection ?? "");
    const added = (multi.uuids ?? []).map((id) => ({ collection, id }));
    refs[prop.name] = [...(refs[prop.name] ?? []), ...added];
  }
  return refs;
}
