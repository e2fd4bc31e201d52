import { ApiError, PROBLEM_TYPES } from "./api-error.js";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** Renders an ApiError as an RFC 9457 problem document. */
export function renderProblem(error: ApiError, instance?: string): Response {
  const body: Record<string, unknown> = { type: error.type, title: error.title, status: error.status };
  if (error.detail) body.detail = error.detail;
  if (instance) body.instance = instance;
  if (error.errors?.length) body.errors = error.errors;
  if (error.grpcCode) body.grpcCode = error.grpcCode;
  const headers = new Headers(error.headers);
  headers.set("content-type", PROBLEM_CONTENT_TYPE);
  return new Response(JSON.stringify(body), { status: error.status, headers });
}

/** Anything not an ApiError is a gateway defect: a generic 500 that never shows the cause or a stack. */
export function internalError(): ApiError {
  return new ApiError({
    status: 500,
    title: "Internal gateway error",
    detail: "The gateway failed to handle this request. It has been logged.",
    type: PROBLEM_TYPES.internal,
  });
}
