import { Code, GrpcError } from "../status.js";
import { decodeStatusDetails } from "../status-details.js";
import { decodeBase64 } from "./base64.js";
import { decodeGrpcMessage } from "./grpc-message.js";

/** Read access to response metadata: WHATWG Headers, or an adapter over node:http2's header object. */
export interface MetadataReader {
  get(name: string): string | null;
}

/**
 * The call's status from headers or trailers: undefined when there is no `grpc-status`, null for OK, a
 * GrpcError otherwise (message percent-decoded, `grpc-status-details-bin` decoded as google.rpc.Status).
 */
export function statusFromMetadata(md: MetadataReader): GrpcError | null | undefined {
  const raw = md.get("grpc-status");
  if (raw === null) return undefined;
  const code = Number(raw.trim());
  if (!Number.isInteger(code) || code < 0 || code > 16) {
    return new GrpcError(Code.INTERNAL, `invalid grpc-status ${JSON.stringify(raw)}`);
  }
  if (code === Code.OK) return null;
  const bin = md.get("grpc-status-details-bin");
  let details: ReturnType<typeof decodeStatusDetails> = [];
  if (bin) {
    try {
      details = decodeStatusDetails(decodeBase64(bin));
    } catch {
      // Undecodable details never hide the status itself.
    }
  }
  return new GrpcError(code, decodeGrpcMessage(md.get("grpc-message")), details);
}
