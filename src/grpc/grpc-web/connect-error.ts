import { ErrorInfo } from "../../gen/google/rpc/status.js";
import { Code, type ErrorDetail, GrpcError } from "../status.js";
import { decodeBase64 } from "../wire/base64.js";
import { httpStatusToCode } from "../wire/http-status-to-code.js";

/**
 * A Connect unary error (connectrpc.com/docs/protocol, "Error end-stream"): a non-200 HTTP status with a
 * JSON body `{ code: "not_found", message, details: [{ type, value }] }`. Codes are the snake_case names of
 * the gRPC codes. Undefined when the body is not a Connect error (a proxy's or an old Weaviate's JSON).
 */
export function connectError(httpStatus: number, body: string): GrpcError | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  const json = (parsed ?? {}) as { code?: unknown; message?: unknown; details?: unknown };
  if (typeof json.code !== "string") return undefined;
  const name = json.code.toUpperCase();
  const code = name in Code && name !== "OK" ? Code[name as keyof typeof Code] : httpStatusToCode(httpStatus);
  const message = typeof json.message === "string" ? json.message : "";
  const details = Array.isArray(json.details) ? json.details.flatMap(decodeDetail) : [];
  return new GrpcError(code, message, details);
}

const ERROR_INFO = "google.rpc.ErrorInfo";

function decodeDetail(detail: unknown): ErrorDetail[] {
  const d = detail as { type?: unknown; value?: unknown };
  if (typeof d?.type !== "string") return [];
  // gRPC's details carry full type URLs; keep the same shape whichever protocol produced them.
  const type = `type.googleapis.com/${d.type}`;
  if (d.type !== ERROR_INFO || typeof d.value !== "string") return [{ type }];
  try {
    const info = ErrorInfo.decode(decodeBase64(d.value));
    return [{ type, reason: info.reason, domain: info.domain, metadata: info.metadata }];
  } catch {
    return [{ type }];
  }
}
