import * as grpc from "@grpc/grpc-js";
import type { MetadataReader } from "./auth.js";
import type { BackendError } from "./backend-error.js";
import { createDispatch, type UnaryMethod } from "./dispatch.js";
import { startGrpcWebServer } from "./grpc-web-server.js";
import { createStore, DEFAULT_MAX_OBJECTS_PER_COLLECTION, type Store } from "./store.js";

export interface DevBackendOptions {
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** Native gRPC (HTTP/2) port; default 50051, 0 picks a free port. */
  port?: number;
  /** Port of the HTTP/1.1 grpc-web and Connect endpoint; unset means not started, 0 picks a free port. */
  webPort?: number;
  /** When set, every Weaviate RPC needs metadata `authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** Objects a collection may hold, across its tenants; default 10 000. */
  maxObjectsPerCollection?: number;
}

export interface DevBackend {
  /** "grpc://127.0.0.1:<port>" */
  grpcUrl: string;
  /** "http://127.0.0.1:<port>/v1/grpc-web", when `webPort` was given. */
  webUrl?: string;
  /** The in-memory store, for seeding and inspection (e.g. `store.define` for explicit schemas). */
  store: Store;
  close(): Promise<void>;
}

// Weaviate's default GRPC_MAX_MESSAGE_SIZE (100 MiB + 400 bytes), for both directions.
const MAX_MESSAGE_BYTES = 104_858_000;

/**
 * Starts the development backend: one in-memory store and one dispatch table served over native gRPC
 * (grpc-js, HTTP/2 cleartext) and, when `webPort` is given, over grpc-web and Connect on HTTP/1.1, so both
 * transports run identical semantics.
 */
export async function startDevBackend(options: DevBackendOptions = {}): Promise<DevBackend> {
  const { host = "127.0.0.1", port = 50051, apiKey, webPort } = options;
  const store = createStore({
    maxObjectsPerCollection: options.maxObjectsPerCollection ?? DEFAULT_MAX_OBJECTS_PER_COLLECTION,
  });
  const dispatch = createDispatch({ store, apiKey });
  const server = new grpc.Server({
    "grpc.max_receive_message_length": MAX_MESSAGE_BYTES,
    "grpc.max_send_message_length": MAX_MESSAGE_BYTES,
  });
  for (const method of dispatch.values()) register(server, method);
  const boundPort = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`${host}:${port}`, grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  const web = webPort === undefined ? undefined : await startGrpcWebServer({ dispatch, host, port: webPort });
  return {
    grpcUrl: `grpc://${host}:${boundPort}`,
    webUrl: web?.url,
    store,
    async close() {
      await web?.close();
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => server.forceShutdown(), 1000);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      });
    },
  };
}

function register(server: grpc.Server, method: UnaryMethod): void {
  server.register<unknown, unknown>(
    method.path,
    (call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => {
      const metadata: MetadataReader = (key) => {
        const value = call.metadata.get(key)[0];
        return value === undefined ? undefined : value.toString();
      };
      try {
        callback(null, method.call(call.request, metadata));
      } catch (error) {
        const { code, message } = error as BackendError;
        callback({ code: code as number as grpc.status, details: message });
      }
    },
    (reply) => Buffer.from(method.encode(reply)),
    (bytes) => method.decode(bytes),
    "unary",
  );
}
