/**
 * A socket, TLS or HTTP/2 error as one line for an UNAVAILABLE message: the root cause's message, with its
 * code when the message does not already name it (`connect ECONNREFUSED 10.0.0.5:50051`,
 * `self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)`, `Protocol error (ERR_HTTP2_ERROR)`).
 */
export function describeError(error: unknown): string {
  const e = error as { message?: unknown; code?: unknown; cause?: unknown } | null | undefined;
  // node:http2 cancels the calls queued on a session that failed to connect with the connect error as cause.
  if (e?.cause instanceof Error) return describeError(e.cause);
  const message = typeof e?.message === "string" && e.message ? e.message : String(error);
  const code = typeof e?.code === "string" ? e.code : "";
  return code && !message.includes(code) ? `${message} (${code})` : message;
}
