import { Code } from "../status.js";

/** HTTP/2 error codes (RFC 9113 §7) by value, for messages. */
const NAMES = [
  "NO_ERROR",
  "PROTOCOL_ERROR",
  "INTERNAL_ERROR",
  "FLOW_CONTROL_ERROR",
  "SETTINGS_TIMEOUT",
  "STREAM_CLOSED",
  "FRAME_SIZE_ERROR",
  "REFUSED_STREAM",
  "CANCEL",
  "COMPRESSION_ERROR",
  "CONNECT_ERROR",
  "ENHANCE_YOUR_CALM",
  "INADEQUATE_SECURITY",
  "HTTP_1_1_REQUIRED",
] as const;

export function http2ErrorName(code: number): string {
  return NAMES[code] ?? `0x${code.toString(16)}`;
}

/**
 * The status of a call whose stream the server reset before sending a gRPC status: the table of the gRPC
 * over HTTP/2 spec ("Errors"). REFUSED_STREAM means the server did not process the call, so it is safe to
 * retry (UNAVAILABLE).
 */
export function rstStreamCode(code: number): Code {
  switch (code) {
    case 7: // REFUSED_STREAM
      return Code.UNAVAILABLE;
    case 8: // CANCEL
      return Code.CANCELLED;
    case 11: // ENHANCE_YOUR_CALM
      return Code.RESOURCE_EXHAUSTED;
    case 12: // INADEQUATE_SECURITY
      return Code.PERMISSION_DENIED;
    default:
      return Code.INTERNAL;
  }
}
