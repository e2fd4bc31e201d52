import * as grpc from "@grpc/grpc-js";
import { GrpcError } from "../status.js";
import { decodeStatusDetails } from "../status-details.js";
import type { CallOptions, Transport, UnaryMethod } from "../transport.js";
import { parseGrpcUrl } from "../upstream-url.js";

/** Weaviate's default GRPC_MAX_MESSAGE_SIZE, also what its official clients use (weaviate-wire.md §7). */
export const DEFAULT_MAX_MESSAGE_BYTES = 104_858_000;

export interface GrpcJsTransportOptions {
  /** `grpc://host:port` or `grpcs://host:port`. */
  readonly url: string;
  /** Send and receive limit. Default 104858000 bytes. */
  readonly maxMessageBytes?: number;
  /** Cap of grpc-js's reconnect backoff, so a returning upstream is found quickly. Default 2000 ms. */
  readonly maxReconnectBackoffMs?: number;
  /**
   * Recreate the channel when it has been idle longer than this (ms). Frozen Lambda environments leave
   * HTTP/2 connections that still look READY but are dead (grpc-node #2285). 0 disables. Default 0.
   */
  readonly idleResetMs?: number;
  /** Root certificates (PEM) for grpcs:// upstreams with a private CA. */
  readonly rootCerts?: Uint8Array;
  /** Test seam: clock for idle tracking. */
  readonly now?: () => number;
}

/** Serialises a message with its ts-proto codec into the Buffer grpc-js wants, without copying. */
function serializer<T>(codec: UnaryMethod<T, unknown>["requestType"]) {
  return (message: T): Buffer => {
    const bytes = codec.encode(message).finish();
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  };
}

function toGrpcMetadata(headers: Headers): grpc.Metadata {
  const md = new grpc.Metadata();
  for (const [key, value] of headers) {
    // Binary (-bin) metadata is never forwarded from HTTP: its value would need base64 decoding.
    if (!key.endsWith("-bin")) md.set(key, value);
  }
  return md;
}

function toGrpcError(error: grpc.ServiceError): GrpcError {
  const bin = error.metadata?.get("grpc-status-details-bin")[0];
  const details = bin instanceof Buffer ? decodeStatusDetails(bin) : [];
  return new GrpcError(error.code as number, error.details || error.message, details);
}

/**
 * The Node transport: one long-lived grpc-js channel per upstream, a deadline on every call, the
 * caller's AbortSignal cancelling the HTTP/2 stream.
 */
export function createGrpcJsTransport(options: GrpcJsTransportOptions): Transport {
  const target = parseGrpcUrl(options.url);
  const maxBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  const now = options.now ?? Date.now;
  const credentials = target.tls
    ? grpc.credentials.createSsl(options.rootCerts ? Buffer.from(options.rootCerts) : null)
    : grpc.credentials.createInsecure();
  const channelOptions: grpc.ChannelOptions = {
    "grpc.max_send_message_length": maxBytes,
    "grpc.max_receive_message_length": maxBytes,
    "grpc.max_reconnect_backoff_ms": options.maxReconnectBackoffMs ?? 2000,
    "grpc.initial_reconnect_backoff_ms": 100,
    "grpc.keepalive_time_ms": 30_000,
    "grpc.keepalive_timeout_ms": 10_000,
    "grpc.keepalive_permit_without_calls": 0,
    // Retries are the gateway's decision (idempotency differs per RPC), not the channel's.
    "grpc.enable_retries": 0,
  };

  let client: grpc.Client | undefined;
  let lastUsed = 0;
  const serializers = new WeakMap<object, (m: never) => Buffer>();

  function channel(): grpc.Client {
    const t = now();
    if (client && options.idleResetMs && t - lastUsed > options.idleResetMs) {
      client.close();
      client = undefined;
    }
    lastUsed = t;
    client ??= new grpc.Client(target.address, credentials, channelOptions);
    return client;
  }

  return {
    unary<I, O>(method: UnaryMethod<I, O>, request: I, call: CallOptions): Promise<O> {
      return new Promise<O>((resolve, reject) => {
        if (call.signal?.aborted) {
          reject(GrpcError.from(call.signal.reason));
          return;
        }
        let serialize = serializers.get(method.requestType) as ((m: I) => Buffer) | undefined;
        if (!serialize) {
          serialize = serializer(method.requestType);
          serializers.set(method.requestType, serialize as (m: never) => Buffer);
        }
        const onAbort = () => stream.cancel();
        const stream = channel().makeUnaryRequest(
          method.path,
          serialize,
          (bytes: Buffer) => method.responseType.decode(bytes),
          request,
          toGrpcMetadata(call.metadata),
          { deadline: Date.now() + call.timeoutMs },
          (error, reply) => {
            call.signal?.removeEventListener("abort", onAbort);
            if (error) reject(toGrpcError(error));
            else resolve(reply as O);
          },
        );
        call.signal?.addEventListener("abort", onAbort, { once: true });
      });
    },
    async close() {
      client?.close();
      client = undefined;
    },
  };
}
