import { Code } from "../../src/grpc/status.js";
import { BackendError } from "./backend-error.js";

/** Reads one request metadata value (gRPC metadata or HTTP header), keys lowercase. */
export type MetadataReader = (key: string) => string | undefined;

/**
 * API-key authentication as Weaviate's gRPC handlers do it (adapters/handlers/grpc/v1/auth/auth.go): the
 * key comes from metadata `authorization` and must start with exactly "Bearer "; anything else is treated
 * as anonymous, which fails when a key is configured. The message is Weaviate's ("unauthorized: invalid api
 * key" behind the handler's "extract auth: " prefix).
 */
export function checkApiKey(apiKey: string | undefined, metadata: MetadataReader): void {
  if (apiKey === undefined) return;
  const header = metadata("authorization");
  if (header?.startsWith("Bearer ") && header.slice("Bearer ".length) === apiKey) return;
  throw new BackendError(Code.UNAUTHENTICATED, "extract auth: unauthorized: invalid api key");
}
