import { Code, type GrpcError } from "../grpc/status.js";
import { ApiError, PROBLEM_TYPES } from "./api-error.js";

/**
 * The one gRPC → HTTP status table: the standard mapping (google.rpc.Code docs, grpc-gateway's
 * runtime/errors.go), which api.md adopts. FAILED_PRECONDITION is 400 here as in grpc-gateway.
 */
export const HTTP_STATUS_BY_CODE: Readonly<Record<Code, number>> = {
  [Code.OK]: 200,
  [Code.CANCELLED]: 499,
  [Code.UNKNOWN]: 500,
  [Code.INVALID_ARGUMENT]: 400,
  [Code.DEADLINE_EXCEEDED]: 504,
  [Code.NOT_FOUND]: 404,
  [Code.ALREADY_EXISTS]: 409,
  [Code.PERMISSION_DENIED]: 403,
  [Code.RESOURCE_EXHAUSTED]: 429,
  [Code.FAILED_PRECONDITION]: 400,
  [Code.ABORTED]: 409,
  [Code.OUT_OF_RANGE]: 400,
  [Code.UNIMPLEMENTED]: 501,
  [Code.INTERNAL]: 500,
  [Code.UNAVAILABLE]: 503,
  [Code.DATA_LOSS]: 500,
  [Code.UNAUTHENTICATED]: 401,
};

const TITLES: Readonly<Record<number, string>> = {
  400: "Bad request",
  401: "Upstream authentication failed",
  403: "Forbidden by Weaviate",
  404: "Not found",
  409: "Conflict",
  422: "Unprocessable request",
  429: "Weaviate is rate limiting or over a usage limit",
  499: "Request cancelled",
  500: "Weaviate failed",
  501: "Not implemented by this Weaviate",
  503: "Weaviate is unavailable",
  504: "Weaviate did not answer in time",
};

/**
 * Weaviate answers most user mistakes as UNKNOWN with a message (translateTypedError falls through;
 * weaviate-wire.md §6). These patterns, taken from its error texts, put them back where they belong.
 * Order matters: the first match wins.
 */
const UNKNOWN_RECLASSIFICATION: readonly [RegExp, number][] = [
  // Unary RPCs answer a missing or wrong key as UNKNOWN ("extract auth: unauthorized: invalid api key").
  [/\bunauthori[sz]ed\b|invalid api key|unauthenticated|no api key/i, 401],
  [/\bforbidden\b|permission denied/i, 403],
  // "could not find class X in schema", and TenantsGet's "could not get tenants: class not found".
  [
    /could not find class|\bclass\b.*\b(?:not found|does not exist)|collection .*(?:not found|does not exist)|no such class/i,
    404,
  ],
  // TenantsGet on a collection without multi-tenancy: "multi-tenancy is not enabled for class X" (found by fuzzing).
  [
    /tenant .*(?:not found|does not exist)|has multi-tenancy (?:enabled|disabled)|multi-tenancy is not enabled|tenant not found/i,
    422,
  ],
  [
    /no (?:vectorizer|generative|reranker) module|no module with name|module .* not (?:found|enabled|configured)|without (?:a )?vectorizer/i,
    422,
  ],
  [
    /invalid|must be|must not|no filters? in|lengths? don't match|does not match|mismatch|cannot|can't|not allowed|not supported|unsupported|required|missing|expected|parse|unknown (?:property|operator|field)|no such prop|mutually exclusive|out of range|exceeds|at least|at most|wrong/i,
    400,
  ],
];

function reclassify(error: GrpcError): number {
  const status = HTTP_STATUS_BY_CODE[error.code] ?? 500;
  if (error.code !== Code.UNKNOWN) return status;
  for (const [pattern, mapped] of UNKNOWN_RECLASSIFICATION) if (pattern.test(error.message)) return mapped;
  return 502;
}

/**
 * Maps an upstream failure to the HTTP problem a client sees. An UNKNOWN that no pattern explains becomes
 * 502 (a gateway's answer for "the upstream failed in a way we cannot name"), never a bare 500 that would
 * suggest the gateway itself broke.
 */
export function grpcErrorToApiError(error: GrpcError): ApiError {
  const status = reclassify(error);
  const retryAfter =
    error.code === Code.UNAVAILABLE || error.code === Code.RESOURCE_EXHAUSTED ? "1" : undefined;
  return new ApiError({
    status,
    title: TITLES[status] ?? "Upstream error",
    detail: error.message || undefined,
    type: error.code === Code.DEADLINE_EXCEEDED ? PROBLEM_TYPES.timeout : PROBLEM_TYPES.upstream,
    grpcCode: error.codeName,
    headers: retryAfter ? { "retry-after": retryAfter } : undefined,
  });
}
