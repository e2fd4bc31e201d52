/**
 * `grpc-message` is percent-encoded UTF-8 (gRPC over HTTP/2 spec, "Responses"). A malformed escape keeps
 * the raw text rather than losing the server's message.
 */
export function decodeGrpcMessage(value: string | null): string {
  if (!value) return "";
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
