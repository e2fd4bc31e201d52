import type { Collection, Shard } from "./store.js";

/**
 * Resolves the shard a request addresses, with Weaviate's multi-tenancy errors
 * (adapters/repos/db/multitenancy/validator.go). Writes auto-create tenants, as a collection with
 * auto tenant creation enabled would; reads of an unknown tenant fail with "tenant not found".
 * Only HOT (ACTIVE) tenants can be read or written.
 */
export function shardFor(collection: Collection, tenant: string, autoCreate = false): Shard {
  const { name, multiTenancy } = collection.schema;
  if (multiTenancy && tenant === "") {
    throw new Error(`class ${name} has multi-tenancy enabled, but request was without tenant`);
  }
  if (!multiTenancy && tenant !== "") {
    throw new Error(`class ${name} has multi-tenancy disabled, but request was with tenant`);
  }
  let shard = collection.shards.get(tenant);
  if (!shard) {
    if (!autoCreate) throw new Error(`tenant not found: "${tenant}"`);
    shard = { name: tenant, status: "HOT", objects: new Map() };
    collection.shards.set(tenant, shard);
  }
  if (shard.status !== "HOT" && shard.status !== "ACTIVE") throw new Error(`tenant not active: '${tenant}'`);
  return shard;
}
