import { weaviateError } from "./backend-error.js";
import type { CollectionSchema, PropertySchema } from "./schema.js";
import { upperFirst } from "./schema.js";

/**
 * The in-memory store every handler shares: collections → shards (tenants; "" for a single-tenant
 * collection) → objects by UUID. A Map keeps insertion order, and a replaced object is moved to the end,
 * which mirrors Weaviate giving an updated object a new doc id: unsorted fetches list objects in that order.
 */
export interface StoredObject {
  id: string;
  properties: Record<string, unknown>;
  /** Vectors by index name; "" is the unnamed (legacy) vector. A multi-vector is a list of rows. */
  vectors: Map<string, number[] | number[][]>;
  /** Milliseconds since the epoch, set by the store as Weaviate does on every batch write. */
  creationTimeUnix: number;
  lastUpdateTimeUnix: number;
}

/** Tenant activity status names as in TenantActivityStatus (without the TENANT_ACTIVITY_STATUS_ prefix). */
export type TenantStatus = "HOT" | "COLD" | "FROZEN" | "ACTIVE" | "INACTIVE" | "OFFLOADED";

export interface Shard {
  name: string;
  status: TenantStatus;
  objects: Map<string, StoredObject>;
}

export interface Collection {
  schema: CollectionSchema;
  shards: Map<string, Shard>;
}

export interface CollectionDefinition {
  name: string;
  multiTenancy?: boolean;
  properties?: PropertySchema[];
  /** Vector indexes by name ("" for the unnamed vector); `multi` for a multi-vector (late interaction) index. */
  vectors?: Record<string, { multi?: boolean }>;
}

export interface Store {
  readonly maxObjectsPerCollection: number;
  get(name: string): Collection | undefined;
  list(): Collection[];
  /** Creates a collection with an explicit schema (types auto-schema cannot infer: int, blob, refs, tenancy). */
  define(definition: CollectionDefinition): Collection;
  /** Auto-schema: the collection named, created empty on first write. */
  getOrCreate(name: string, multiTenancy: boolean): Collection;
  addTenant(collection: string, tenant: string, status?: TenantStatus): void;
  clear(): void;
}

export const DEFAULT_MAX_OBJECTS_PER_COLLECTION = 10_000;

export function createStore({ maxObjectsPerCollection = DEFAULT_MAX_OBJECTS_PER_COLLECTION } = {}): Store {
  const collections = new Map<string, Collection>();

  const define = (definition: CollectionDefinition): Collection => {
    const name = upperFirst(definition.name);
    if (collections.has(name)) throw weaviateError(`class name ${name} already exists`);
    const vectors = new Map(
      Object.entries(definition.vectors ?? {}).map(([key, v]) => [key, { multi: v.multi ?? false }]),
    );
    const schema = {
      name,
      multiTenancy: definition.multiTenancy ?? false,
      properties: structuredClone(definition.properties ?? []),
      vectors,
    };
    const collection: Collection = { schema, shards: new Map() };
    if (!schema.multiTenancy) collection.shards.set("", { name: "", status: "HOT", objects: new Map() });
    collections.set(name, collection);
    return collection;
  };

  return {
    maxObjectsPerCollection,
    get: (name) => collections.get(upperFirst(name)),
    list: () => [...collections.values()],
    define,
    getOrCreate: (name, multiTenancy) => collections.get(upperFirst(name)) ?? define({ name, multiTenancy }),
    addTenant(collectionName, tenant, status = "HOT") {
      const collection = collections.get(upperFirst(collectionName));
      if (!collection) throw weaviateError(`class ${upperFirst(collectionName)} not found`);
      if (!collection.schema.multiTenancy) {
        throw weaviateError(`multi-tenancy is not enabled for class "${collection.schema.name}"`);
      }
      const shard = collection.shards.get(tenant);
      if (shard) shard.status = status;
      else collection.shards.set(tenant, { name: tenant, status, objects: new Map() });
    },
    clear: () => collections.clear(),
  };
}

export function objectCount(collection: Collection): number {
  let count = 0;
  for (const shard of collection.shards.values()) count += shard.objects.size;
  return count;
}
