/**
 * Base64 → bytes for binary metadata (`grpc-status-details-bin`, gRPC over HTTP/2 spec) and Connect error
 * details (unpadded std base64, connectrpc.com/docs/protocol). Accepts padded or not, std or url-safe.
 */
export function decodeBase64(text: string): Uint8Array {
  let s = text.trim().replace(/-/g, "+").replace(/_/g, "/");
  s += "=".repeat((4 - (s.length % 4)) % 4);
  const binary = atob(s);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
