import type { Any } from "../gen/google/protobuf/any.js";
import { ErrorInfo, Status } from "../gen/google/rpc/status.js";
import type { ErrorDetail } from "./status.js";

const ERROR_INFO = "type.googleapis.com/google.rpc.ErrorInfo";

/** Decodes the `grpc-status-details-bin` trailer (google.rpc.Status); undecodable details yield []. */
export function decodeStatusDetails(bytes: Uint8Array): ErrorDetail[] {
  try {
    return (Status.decode(bytes).details ?? []).map(decodeDetail);
  } catch {
    return [];
  }
}

function decodeDetail(any: Any): ErrorDetail {
  const type = any.typeUrl ?? "";
  if (type !== ERROR_INFO || !any.value) return { type };
  const info = ErrorInfo.decode(any.value);
  return { type, reason: info.reason, domain: info.domain, metadata: info.metadata };
}
