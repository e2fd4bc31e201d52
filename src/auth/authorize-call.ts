import { ApiError, PROBLEM_TYPES } from "../errors/api-error.js";
import { type Action, type ApiKeySpec, normalizeCollection } from "./api-keys.js";

/** What one upstream call touches: derived from the gRPC request itself, not from the HTTP route. */
export interface CallTarget {
  readonly action: Action | "admin";
  /** Collection and tenant ("" = none) of every object the call reads or writes. */
  readonly targets: readonly { readonly collection: string; readonly tenant: string }[];
}

/** The fields of Weaviate's request messages that name collections and tenants. */
interface Targeted {
  collection?: string;
  tenant?: string;
  names?: { values?: string[] };
  objects?: { collection?: string; tenant?: string }[];
  references?: { fromCollection?: string; tenant?: string }[];
}

type Extract = (request: Targeted) => CallTarget;

const single =
  (action: Action): Extract =>
  (r) => ({ action, targets: [{ collection: r.collection ?? "", tenant: r.tenant ?? "" }] });

/**
 * The action of each RPC the gateway may send. Checking the message about to go upstream (rather than
 * the HTTP route) means no route, present or future (rpc transcoding, webhooks), can forget the check.
 * An RPC missing here needs a key with every action on every collection and tenant.
 */
const BY_PATH: Readonly<Record<string, Extract>> = {
  "/weaviate.v1.Weaviate/Search": single("read"),
  "/weaviate.v1.Weaviate/Aggregate": single("read"),
  "/weaviate.v1.Weaviate/TenantsGet": (r) => ({
    action: "read",
    // Listing all tenants reveals them all: only a key for every tenant may do it.
    targets: r.names?.values?.length
      ? r.names.values.map((t) => ({ collection: r.collection ?? "", tenant: t }))
      : [{ collection: r.collection ?? "", tenant: "*" }],
  }),
  "/weaviate.v1.Weaviate/BatchDelete": single("delete"),
  "/weaviate.v1.Weaviate/BatchObjects": (r) => ({
    action: "write",
    targets: (r.objects ?? []).map((o) => ({
      collection: o.collection ?? "",
      tenant: o.tenant ?? "",
    })),
  }),
  "/weaviate.v1.Weaviate/BatchReferences": (r) => ({
    action: "write",
    targets: (r.references ?? []).map((o) => ({
      collection: o.fromCollection ?? "",
      tenant: o.tenant ?? "",
    })),
  }),
};

/** Calls anyone may make, key or not: the readiness probe. */
export const UNSCOPED_PATHS: ReadonlySet<string> = new Set(["/grpc.health.v1.Health/Check"]);

export function callTarget(path: string, request: unknown): CallTarget {
  return (
    BY_PATH[path]?.((request ?? {}) as Targeted) ?? {
      action: "admin",
      targets: [{ collection: "*", tenant: "*" }],
    }
  );
}

/**
 * Undefined when `key` may make the call, else the 403 naming what is outside its scope. Tenants: a key
 * limited to tenants may only touch objects in those tenants (a request without a tenant is outside).
 */
export function checkScope(key: ApiKeySpec, target: CallTarget): ApiError | undefined {
  const actions = target.action === "admin" ? (["read", "write", "delete"] as const) : [target.action];
  for (const action of actions) {
    if (!key.actions.includes(action)) return forbidden(`key "${key.name}" may not ${action}`);
  }
  const allCollections = key.collections.includes("*");
  const allTenants = key.tenants.includes("*");
  if (target.action === "admin" && !(allCollections && allTenants)) {
    return forbidden(`key "${key.name}" is limited to some collections or tenants; this call is not`);
  }
  for (const { collection, tenant } of target.targets) {
    if (!allCollections && !key.collections.includes(normalizeCollection(collection))) {
      return forbidden(`key "${key.name}" has no access to collection ${collection || "(none)"}`);
    }
    if (!allTenants && !key.tenants.includes(tenant)) {
      return forbidden(
        tenant
          ? `key "${key.name}" has no access to tenant ${tenant}`
          : `key "${key.name}" is limited to tenants; name one (tenant)`,
      );
    }
  }
  return undefined;
}

export function forbidden(detail: string): ApiError {
  return new ApiError({ status: 403, title: "Forbidden", detail, type: PROBLEM_TYPES.forbidden });
}
