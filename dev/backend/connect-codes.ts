import { Code } from "../../src/grpc/status.js";

/**
 * The Connect protocol's error codes and their HTTP statuses (connectrpc.com/docs/protocol, "Error
 * Codes"): a Connect unary error is answered with this HTTP status and a JSON body carrying the code name
 * in snake_case, e.g. `{"code":"invalid_argument","message":"..."}`.
 */
const CONNECT: Record<Code, { name: string; http: number }> = {
  [Code.OK]: { name: "ok", http: 200 },
  [Code.CANCELLED]: { name: "canceled", http: 499 },
  [Code.UNKNOWN]: { name: "unknown", http: 500 },
  [Code.INVALID_ARGUMENT]: { name: "invalid_argument", http: 400 },
  [Code.DEADLINE_EXCEEDED]: { name: "deadline_exceeded", http: 504 },
  [Code.NOT_FOUND]: { name: "not_found", http: 404 },
  [Code.ALREADY_EXISTS]: { name: "already_exists", http: 409 },
  [Code.PERMISSION_DENIED]: { name: "permission_denied", http: 403 },
  [Code.RESOURCE_EXHAUSTED]: { name: "resource_exhausted", http: 429 },
  [Code.FAILED_PRECONDITION]: { name: "failed_precondition", http: 400 },
  [Code.ABORTED]: { name: "aborted", http: 409 },
  [Code.OUT_OF_RANGE]: { name: "out_of_range", http: 400 },
  [Code.UNIMPLEMENTED]: { name: "unimplemented", http: 501 },
  [Code.INTERNAL]: { name: "internal", http: 500 },
  [Code.UNAVAILABLE]: { name: "unavailable", http: 503 },
  [Code.DATA_LOSS]: { name: "data_loss", http: 500 },
  [Code.UNAUTHENTICATED]: { name: "unauthenticated", http: 401 },
};

export function connectError(code: Code): { name: string; http: number } {
  return CONNECT[code] ?? CONNECT[Code.UNKNOWN];
}
