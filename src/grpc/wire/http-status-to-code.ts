import { Code } from "../status.js";

/**
 * HTTP status → gRPC code for responses that carry no gRPC status (a proxy's error page, a Weaviate without
 * the endpoint). The table both specs give: grpc/doc/http-grpc-status-mapping.md and Connect's
 * "HTTP to Error Code".
 */
export function httpStatusToCode(status: number): Code {
  switch (status) {
    case 400:
      return Code.INTERNAL;
    case 401:
      return Code.UNAUTHENTICATED;
    case 403:
      return Code.PERMISSION_DENIED;
    case 404:
      return Code.UNIMPLEMENTED;
    case 429:
    case 502:
    case 503:
    case 504:
      return Code.UNAVAILABLE;
    default:
      return Code.UNKNOWN;
  }
}
