import { Code } from "../../src/grpc/status.js";

/**
 * The one error the backend's handlers throw. Both transports render it: grpc-js as a status, the HTTP/1.1
 * endpoint as a grpc-web trailer or a Connect error body. Weaviate answers almost every request error as
 * UNKNOWN carrying the message text (`translateTypedError` in adapters/handlers/grpc/server.go only maps auth,
 * usage-limit and restriction errors), so `weaviateError` is the common case.
 */
export class BackendError extends Error {
  override readonly name = "BackendError";
  constructor(
    readonly code: Code,
    message: string,
  ) {
    super(message);
  }
}

/** A request error as Weaviate reports it: status UNKNOWN, the message as text. */
export function weaviateError(message: string): BackendError {
  return new BackendError(Code.UNKNOWN, message);
}

/** Normalises anything a handler threw; unexpected exceptions become UNKNOWN with their message. */
export function toBackendError(error: unknown): BackendError {
  if (error instanceof BackendError) return error;
  return weaviateError(error instanceof Error ? error.message : String(error));
}
