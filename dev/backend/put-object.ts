import type { CollectionSchema } from "./schema.js";
import { type Collection, objectCount, type Shard, type Store, type StoredObject } from "./store.js";

/**
 * Stores (or replaces) one object, enforcing the two limits a write can hit: the development backend's
 * object cap per collection, and the fixed dimensionality of each vector index, which Weaviate's HNSW
 * index reports as "new node has a vector with length 3. Existing nodes have vectors with length 4".
 */
export function putObject(store: Store, collection: Collection, shard: Shard, object: StoredObject): void {
  const replacing = shard.objects.has(object.id);
  const max = store.maxObjectsPerCollection;
  if (!replacing && objectCount(collection) >= max) {
    throw new Error(
      `object cap reached: collection ${collection.schema.name} already holds ${max} objects, the development backend's limit (maxObjectsPerCollection)`,
    );
  }
  checkVectors(collection.schema, object.vectors);
  // Delete first so a replaced object moves to the end, like a new doc id in Weaviate.
  shard.objects.delete(object.id);
  shard.objects.set(object.id, object);
}

function checkVectors(schema: CollectionSchema, vectors: Map<string, number[] | number[][]>): void {
  for (const [name, vector] of vectors) {
    const multi = Array.isArray(vector[0]);
    const length = multi ? (vector[0] as number[]).length : vector.length;
    let index = schema.vectors.get(name);
    if (!index) {
      index = { multi };
      schema.vectors.set(name, index);
    }
    const label = name === "" ? "" : ` "${name}"`;
    if (index.multi !== multi) {
      throw new Error(
        `vector${label}: ${multi ? "multi vector" : "regular vector"} given, but the vector index supports ${index.multi ? "multi vectors" : "regular vectors"}`,
      );
    }
    if (length === 0) continue;
    index.dimensions ??= length;
    if (index.dimensions !== length) {
      throw new Error(
        `new node has a vector with length ${length}. Existing nodes have vectors with length ${index.dimensions}`,
      );
    }
  }
}
