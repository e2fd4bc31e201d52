import type { Reference } from "./batch-properties.js";
import type { Store, StoredObject } from "./store.js";

/**
 * Looks up the object a stored reference points to. A reference into a multi-tenant collection is read
 * from the tenant of the same name, which is how Weaviate resolves references between tenants.
 */
export function resolveReference(
  store: Store,
  reference: Reference,
  tenant: string,
): StoredObject | undefined {
  const collection = store.get(reference.collection);
  if (!collection) return undefined;
  const shard = collection.shards.get(collection.schema.multiTenancy ? tenant : "");
  return shard?.objects.get(reference.id);
}

export function referencesOf(object: StoredObject, property: string): Reference[] {
  const value = object.properties[property];
  return Array.isArray(value) ? (value as Reference[]) : [];
}
