import type { CodeName } from "../grpc/status.js";

/** One bad field of a request: a JSON path (`nearVector.vector[3]`) and what is wrong with it. */
export interface FieldError {
  readonly path: string;
  readonly message: string;
}

export interface ApiErrorInit {
  readonly status: number;
  readonly title: string;
  readonly detail?: string;
  /** RFC 9457 `type`: a stable URI naming the problem kind. */
  readonly type?: string;
  readonly errors?: readonly FieldError[];
  readonly grpcCode?: CodeName;
  /** Extra response headers (Retry-After, Allow). */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * The one error type of the HTTP side. Everything that ends a request early (validation, bad JSON,
 * routing, auth, limits, upstream statuses, timeouts) is thrown or returned as an ApiError and rendered
 * as application/problem+json in one place (render-problem.ts).
 */
export class ApiError extends Error {
  override readonly name = "ApiError";
  readonly status: number;
  readonly title: string;
  readonly detail?: string;
  readonly type: string;
  readonly errors?: readonly FieldError[];
  readonly grpcCode?: CodeName;
  readonly headers?: Readonly<Record<string, string>>;

  constructor(init: ApiErrorInit) {
    super(init.detail ?? init.title);
    this.status = init.status;
    this.title = init.title;
    this.detail = init.detail;
    this.type = init.type ?? "about:blank";
    this.errors = init.errors;
    this.grpcCode = init.grpcCode;
    this.headers = init.headers;
  }

  /** What the constructor was given, as plain data (to cross a thread and be rebuilt there). */
  toInit(): ApiErrorInit {
    const { status, title, detail, type, errors, grpcCode, headers } = this;
    return { status, title, detail, type, errors, grpcCode, headers };
  }

  static badRequest(detail: string, errors?: readonly FieldError[]): ApiError {
    return new ApiError({
      status: 400,
      title: "Invalid request",
      detail,
      errors,
      type: PROBLEM_TYPES.invalid,
    });
  }

  static notFound(detail: string): ApiError {
    return new ApiError({ status: 404, title: "Not found", detail, type: PROBLEM_TYPES.notFound });
  }

  /** 415 naming the content type the route takes; `how` says how to send it. */
  static unsupportedMediaType(expected: string, how: string): ApiError {
    return new ApiError({
      status: 415,
      title: "Unsupported media type",
      detail: `send the body as ${expected}${how}`,
      type: PROBLEM_TYPES.unsupportedMediaType,
      errors: [{ path: "content-type", message: `must be ${expected}` }],
    });
  }
}

/** Problem type URIs, documented in the README and the OpenAPI document. */
export const PROBLEM_TYPES = {
  invalid: "https://weaviate-rest-gateway.dev/problems/invalid-request",
  malformedJson: "https://weaviate-rest-gateway.dev/problems/malformed-json",
  unsupportedMediaType: "https://weaviate-rest-gateway.dev/problems/unsupported-media-type",
  payloadTooLarge: "https://weaviate-rest-gateway.dev/problems/payload-too-large",
  notFound: "https://weaviate-rest-gateway.dev/problems/not-found",
  methodNotAllowed: "https://weaviate-rest-gateway.dev/problems/method-not-allowed",
  unauthorized: "https://weaviate-rest-gateway.dev/problems/unauthorized",
  forbidden: "https://weaviate-rest-gateway.dev/problems/forbidden",
  rateLimited: "https://weaviate-rest-gateway.dev/problems/rate-limited",
  upstream: "https://weaviate-rest-gateway.dev/problems/upstream-error",
  timeout: "https://weaviate-rest-gateway.dev/problems/timeout",
  internal: "https://weaviate-rest-gateway.dev/problems/internal",
} as const;
