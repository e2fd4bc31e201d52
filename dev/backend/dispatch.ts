import { HealthCheckResponse_ServingStatus, HealthDefinition } from "../../src/gen/grpc/health/v1/health.js";
import { WeaviateDefinition } from "../../src/gen/v1/weaviate.js";
import { aggregate } from "./aggregate.js";
import { checkApiKey, type MetadataReader } from "./auth.js";
import { toBackendError } from "./backend-error.js";
import { batchObjects } from "./batch.js";
import { batchReferences } from "./batch-references.js";
import { batchDelete } from "./delete.js";
import { search } from "./search.js";
import type { Store } from "./store.js";
import { tenantsGet } from "./tenants.js";

/** The codec functions ts-proto generates for every message. */
interface Codec<T> {
  encode(message: T): { finish(): Uint8Array };
  decode(bytes: Uint8Array): T;
  fromJSON(object: unknown): T;
  toJSON(message: T): unknown;
}

/** One unary method, in bytes or JSON, whichever transport calls it. */
export interface UnaryMethod {
  /** "/weaviate.v1.Weaviate/Search" */
  path: string;
  decode(bytes: Uint8Array): unknown;
  encode(reply: unknown): Uint8Array;
  fromJSON(json: unknown): unknown;
  toJSON(reply: unknown): unknown;
  /** Runs the method; throws a BackendError carrying the status to answer with. */
  call(request: unknown, metadata: MetadataReader): unknown;
}

export interface DispatchOptions {
  store: Store;
  /** When set, every Weaviate RPC needs `authorization: Bearer <apiKey>`; Health/Check never does. */
  apiKey?: string;
}

type Handler = (store: Store, request: never) => unknown;

const HANDLERS: Record<string, Handler> = {
  Search: search,
  BatchObjects: batchObjects,
  BatchReferences: batchReferences,
  BatchDelete: batchDelete,
  TenantsGet: tenantsGet,
  Aggregate: aggregate,
};

/**
 * The one dispatch table both transports serve, built from the generated service definitions so paths and
 * codecs cannot drift from the protocol: every unary Weaviate method plus grpc.health.v1.Health/Check,
 * which answers SERVING whatever service is named, as Weaviate's does. BatchStream (bidirectional) and
 * Health/Watch are not served; callers get UNIMPLEMENTED.
 */
export function createDispatch({ store, apiKey }: DispatchOptions): Map<string, UnaryMethod> {
  const table = new Map<string, UnaryMethod>();
  for (const method of Object.values(WeaviateDefinition.methods)) {
    const handler = HANDLERS[method.name];
    if (!handler || method.requestStream || method.responseStream) continue;
    const path = `/${WeaviateDefinition.fullName}/${method.name}`;
    table.set(
      path,
      unary(
        path,
        method.requestType as Codec<unknown>,
        method.responseType as Codec<unknown>,
        (request, metadata) => {
          checkApiKey(apiKey, metadata);
          return handler(store, request as never);
        },
      ),
    );
  }
  const check = HealthDefinition.methods.check;
  const healthPath = `/${HealthDefinition.fullName}/${check.name}`;
  table.set(
    healthPath,
    unary(healthPath, check.requestType as Codec<unknown>, check.responseType as Codec<unknown>, () => ({
      status: HealthCheckResponse_ServingStatus.SERVING,
    })),
  );
  return table;
}

function unary(
  path: string,
  requestType: Codec<unknown>,
  responseType: Codec<unknown>,
  handle: (request: unknown, metadata: MetadataReader) => unknown,
): UnaryMethod {
  return {
    path,
    decode: (bytes) => requestType.decode(bytes),
    encode: (reply) => responseType.encode(reply).finish(),
    fromJSON: (json) => requestType.fromJSON(json),
    toJSON: (reply) => responseType.toJSON(reply),
    call(request, metadata) {
      try {
        return handle(request, metadata);
      } catch (error) {
        throw toBackendError(error);
      }
    },
  };
}
