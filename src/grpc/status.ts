/** gRPC status codes (https://grpc.github.io/grpc/core/md_doc_statuscodes.html). */
export enum Code {
  OK = 0,
  CANCELLED = 1,
  UNKNOWN = 2,
  INVALID_ARGUMENT = 3,
  DEADLINE_EXCEEDED = 4,
  NOT_FOUND = 5,
  ALREADY_EXISTS = 6,
  PERMISSION_DENIED = 7,
  RESOURCE_EXHAUSTED = 8,
  FAILED_PRECONDITION = 9,
  ABORTED = 10,
  OUT_OF_RANGE = 11,
  UNIMPLEMENTED = 12,
  INTERNAL = 13,
  UNAVAILABLE = 14,
  DATA_LOSS = 15,
  UNAUTHENTICATED = 16,
}

export type CodeName = keyof typeof Code;

export function codeName(code: Code): CodeName {
  return (Code[code] as CodeName | undefined) ?? "UNKNOWN";
}

/** One entry of google.rpc.Status.details that the gateway understands (ErrorInfo), or its type URL. */
export interface ErrorDetail {
  type: string;
  reason?: string;
  domain?: string;
  metadata?: Record<string, string>;
}

/**
 * The one error type of the upstream hop: whatever a transport meets (a status from the server, a broken
 * connection, a deadline, an undecodable reply) becomes a GrpcError with a code, the server's message and
 * the decoded rich-error details.
 */
export class GrpcError extends Error {
  override readonly name = "GrpcError";
  constructor(
    readonly code: Code,
    message: string,
    readonly details: readonly ErrorDetail[] = [],
  ) {
    super(message);
  }

  get codeName(): CodeName {
    return codeName(this.code);
  }

  /** Normalises anything thrown by a transport. */
  static from(error: unknown): GrpcError {
    if (error instanceof GrpcError) return error;
    if (error instanceof Error && error.name === "AbortError")
      return new GrpcError(Code.CANCELLED, "call cancelled");
    if (error instanceof Error && error.name === "TimeoutError")
      return new GrpcError(Code.DEADLINE_EXCEEDED, "deadline exceeded");
    return new GrpcError(Code.UNKNOWN, error instanceof Error ? error.message : String(error));
  }
}
