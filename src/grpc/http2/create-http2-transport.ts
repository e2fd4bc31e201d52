import type * as http2 from "node:http2";
import { Code, GrpcError } from "../status.js";
import type { CallOptions, Transport, UnaryMethod } from "../transport.js";
import { parseGrpcUrl } from "../upstream-url.js";
import { DEFAULT_MAX_MESSAGE_BYTES } from "../wire/default-max-message-bytes.js";
import { grpcTimeout } from "../wire/grpc-timeout.js";
import { encodeRequestFrame } from "../wire/request-bytes.js";
import { describeError } from "./describe-error.js";
import { type Connection, createSessionPool } from "./http2-session-pool.js";
import { awaitReply, type CallContext } from "./unary-call.js";

export interface Http2TransportOptions {
  /** `grpc://host:port` (h2c) or `grpcs://host:port` (TLS, ALPN h2). */
  readonly url: string;
  /** Send and receive limit. Default 104858000 bytes. */
  readonly maxMessageBytes?: number;
  /**
   * Cap of the reconnect backoff (100 ms, doubling): while it runs, calls fail fast with UNAVAILABLE and the
   * last connect error; the first call after it connects again. Default 2000 ms.
   */
  readonly maxReconnectBackoffMs?: number;
  /**
   * Replace the session when no call has started on it for longer than this (ms). Frozen Lambda
   * environments leave HTTP/2 connections that still look open but are dead (grpc-node #2285). 0 disables.
   * Default 0.
   */
  readonly idleResetMs?: number;
  /** Root certificates (PEM) for grpcs:// upstreams with a private CA. */
  readonly rootCerts?: Uint8Array;
  /** Test seam: clock for idle tracking and the reconnect backoff. */
  readonly now?: () => number;
  /** PING interval while calls are in flight (none when idle), as grpc-js's keepalive. Default 30000 ms. */
  readonly keepaliveTimeMs?: number;
  /** The session is destroyed (its calls fail UNAVAILABLE) when a PING is not acked in time. Default 10000 ms. */
  readonly keepaliveTimeoutMs?: number;
}

const USER_AGENT = "weaviate-rest-gateway (node:http2)";
/**
 * Longer deadlines are capped (about 24.8 days): setTimeout fires at once past a 32-bit signed number of ms,
 * and grpc-timeout allows 8 digits.
 */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * Metadata that must not come from the caller: HTTP/2 pseudo and connection-specific headers (RFC 9113
 * §8.2.2), the headers this transport sets, and the reserved `grpc-` namespace (gRPC over HTTP/2 spec).
 */
const RESERVED = new Set([
  "connection",
  "content-length",
  "content-type",
  "host",
  "keep-alive",
  "proxy-connection",
  "te",
  "transfer-encoding",
  "upgrade",
  "user-agent",
]);

function copyMetadata(this: http2.OutgoingHttpHeaders, value: string, name: string) {
  // Binary (-bin) metadata is never forwarded from HTTP, as in the other transports.
  if (RESERVED.has(name) || name.endsWith("-bin") || name.startsWith("grpc-") || name.startsWith(":")) return;
  this[name] = value;
}

/** session.request() throws when the session is closing (a race with GOAWAY) or a header is invalid. */
function requestError(error: unknown, url: string): GrpcError {
  const code = (error as { code?: string }).code ?? "";
  if (code === "ERR_HTTP2_INVALID_SESSION" || code === "ERR_HTTP2_GOAWAY_SESSION") {
    return new GrpcError(Code.UNAVAILABLE, `upstream ${url} unavailable: ${describeError(error)}`);
  }
  return new GrpcError(Code.INTERNAL, `cannot send the request: ${describeError(error)}`);
}

/**
 * The Node and Lambda transport: gRPC unary calls over one long-lived `node:http2` session per upstream,
 * without grpc-js (whose per-call cost is about twice the HTTP/2 work itself). A call is one HEADERS frame
 * and one DATA write out, the reply read from the DATA chunks as they come, the status from the trailers.
 *
 * `close()` sends GOAWAY: calls in flight finish (within their own deadlines, and the socket closes after
 * them), calls made after close() fail with UNAVAILABLE. It resolves once the session has closed, or at once
 * while calls are still in flight, so a stuck call never holds a shutdown.
 */
export function createHttp2Transport(options: Http2TransportOptions): Transport {
  const target = parseGrpcUrl(options.url);
  const url = `${target.tls ? "grpcs" : "grpc"}://${target.address}`;
  const maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  const pool = createSessionPool({
    target,
    url,
    maxMessageBytes,
    maxReconnectBackoffMs: options.maxReconnectBackoffMs ?? 2000,
    idleResetMs: options.idleResetMs ?? 0,
    keepaliveTimeMs: options.keepaliveTimeMs ?? 30_000,
    keepaliveTimeoutMs: options.keepaliveTimeoutMs ?? 10_000,
    rootCerts: options.rootCerts,
    now: options.now ?? Date.now,
  });
  const context: CallContext = { pool, url, maxMessageBytes };

  function unary<I, O>(method: UnaryMethod<I, O>, request: I, call: CallOptions): Promise<O> {
    if (call.signal?.aborted) return Promise.reject(new GrpcError(Code.CANCELLED, "call cancelled"));
    if (!(call.timeoutMs > 0))
      return Promise.reject(new GrpcError(Code.DEADLINE_EXCEEDED, "deadline exceeded"));
    const timeoutMs = Math.min(call.timeoutMs, MAX_TIMEOUT_MS);
    let frame: Uint8Array;
    try {
      frame = encodeRequestFrame(method.requestType, request);
    } catch (error) {
      return Promise.reject(
        new GrpcError(Code.INTERNAL, `cannot encode the request: ${(error as Error).message}`),
      );
    }
    if (frame.byteLength - 5 > maxMessageBytes) {
      return Promise.reject(
        new GrpcError(
          Code.RESOURCE_EXHAUSTED,
          `request of ${frame.byteLength - 5} bytes exceeds the limit of ${maxMessageBytes} bytes`,
        ),
      );
    }
    const headers: http2.OutgoingHttpHeaders = {
      ":method": "POST",
      ":path": method.path,
      ":authority": target.address,
      "content-type": "application/grpc",
      te: "trailers",
      "grpc-timeout": grpcTimeout(timeoutMs),
      "user-agent": USER_AGENT,
    };
    call.metadata.forEach(copyMetadata, headers);
    let connection: Connection;
    let stream: http2.ClientHttp2Stream;
    try {
      // UNAVAILABLE while backing off after a failed connect, or after close().
      connection = pool.acquire();
    } catch (error) {
      return Promise.reject(error);
    }
    try {
      stream = connection.session.request(headers);
    } catch (error) {
      return Promise.reject(requestError(error, url));
    }
    stream.end(frame);
    return awaitReply(context, connection, stream, method.path, method.responseType, timeoutMs, call.signal);
  }

  return { unary, close: () => pool.close(), connect: () => pool.preconnect() };
}
