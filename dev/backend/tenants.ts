import {
  TenantActivityStatus,
  type TenantsGetReply,
  type TenantsGetRequest,
} from "../../src/gen/v1/tenants.js";
import { upperFirst } from "./schema.js";
import type { Store } from "./store.js";

/**
 * TenantsGet with Weaviate's messages (adapters/handlers/grpc/v1/tenants.go and the schema's getTenants):
 * all tenants, or the named ones that exist, sorted by name; an unknown collection is "class not found"
 * and a single-tenant collection "multi-tenancy is not enabled".
 */
export function tenantsGet(store: Store, request: TenantsGetRequest): TenantsGetReply {
  const started = performance.now();
  if (!request.collection) throw new Error("missing collection ");
  const collection = store.get(request.collection);
  const failed = "get tenants: failed to execute query: could not get tenants";
  if (!collection) throw new Error(`${failed}: class not found`);
  if (!collection.schema.multiTenancy) {
    throw new Error(`${failed}: multi-tenancy is not enabled for class "${upperFirst(request.collection)}"`);
  }
  let shards = [...collection.shards.values()];
  if (request.names) {
    const names = request.names.values ?? [];
    if (names.length === 0) throw new Error("get tenants: must specify at least one tenant name");
    shards = shards.filter((s) => names.includes(s.name));
  }
  const tenants = shards
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((s) => ({
      name: s.name,
      activityStatus: TenantActivityStatus[`TENANT_ACTIVITY_STATUS_${s.status}`],
    }));
  return { took: (performance.now() - started) / 1000, tenants };
}
