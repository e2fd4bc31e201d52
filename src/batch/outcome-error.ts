import { ApiError, type FieldError } from "../errors/api-error.js";
import { formatPath } from "../errors/from-zod.js";
import { grpcErrorToApiError } from "../errors/grpc-to-http.js";
import { Code, GrpcError } from "../grpc/status.js";
import type { TypingIssue } from "../translate/properties.js";
import type { Outcome } from "./chunked-sender.js";

/** Properties that cannot be typed → one 400 naming each field with its object index. */
export function typingIssuesError(issues: readonly TypingIssue[]): ApiError {
  const errors: FieldError[] = issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
  const noun = errors.length === 1 ? "property" : "properties";
  return ApiError.badRequest(`${errors.length} ${noun} cannot be typed`, errors);
}

/**
 * A failed single-object write → a problem. A failed call keeps its gRPC status (503, 504...). A
 * per-object error comes with status OK and a message: an unknown collection is 404 as elsewhere, the
 * rest is Weaviate rejecting the object's content, which is 422 (valid JSON, unacceptable object).
 */
export function outcomeToApiError(outcome: Outcome): ApiError {
  const message = outcome.error ?? "unknown error";
  if (outcome.grpcCode) return grpcErrorToApiError(new GrpcError(Code[outcome.grpcCode], message));
  const mapped = grpcErrorToApiError(new GrpcError(Code.UNKNOWN, message));
  if (mapped.status === 404 || mapped.status === 422) return mapped;
  return new ApiError({
    status: 422,
    title: "Weaviate rejected the object",
    detail: message,
    type: mapped.type,
  });
}
