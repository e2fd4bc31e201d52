import { Code, GrpcError } from "../status.js";
import type { CallOptions, Transport, UnaryMethod } from "../transport.js";
import { DEFAULT_MAX_MESSAGE_BYTES } from "../wire/default-max-message-bytes.js";
import { grpcTimeout } from "../wire/grpc-timeout.js";
import { httpStatusToCode } from "../wire/http-status-to-code.js";
import { encodeRequest, encodeRequestFrame } from "../wire/request-bytes.js";
import { statusFromMetadata } from "../wire/status-from-metadata.js";
import { connectError } from "./connect-error.js";
import { createDeadline, type Deadline } from "./deadline.js";
import { parseFrames } from "./frames.js";

export type WebProtocol = "grpc-web" | "connect";

export interface GrpcWebTransportOptions {
  /** The endpoint prefix, e.g. `https://weaviate.example.com/v1/grpc-web` (Weaviate 1.38.3 and later). */
  readonly baseUrl: string;
  /** Wire protocol; both are unary POSTs with binary protobuf. Default "grpc-web". */
  readonly protocol?: WebProtocol;
  /** The HTTP client. Default globalThis.fetch (a Worker's fetch, Node's undici). */
  readonly fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** Send and receive limit. Default 104858000 bytes. */
  readonly maxMessageBytes?: number;
}

/**
 * The fetch transport: gRPC-Web or Connect unary over plain HTTP/1.1 or HTTP/2, for runtimes that cannot
 * open HTTP/2 gRPC connections (Cloudflare Workers) and networks where the gRPC port is closed. The same
 * generated codecs as the node:http2 transport; errors become the same GrpcError.
 */
export function createGrpcWebTransport(options: GrpcWebTransportOptions): Transport {
  const base = options.baseUrl.replace(/\/+$/, "");
  const protocol = options.protocol ?? "grpc-web";
  const maxBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  async function unary<I, O>(method: UnaryMethod<I, O>, request: I, call: CallOptions): Promise<O> {
    if (call.signal?.aborted) throw new GrpcError(Code.CANCELLED, "call cancelled");
    // gRPC-Web frames the message behind a 5-byte prefix; Connect sends it bare.
    const body =
      protocol === "grpc-web"
        ? encodeRequestFrame(method.requestType, request)
        : encodeRequest(method.requestType, request);
    const size = body.byteLength - (protocol === "grpc-web" ? 5 : 0);
    if (size > maxBytes) {
      throw new GrpcError(
        Code.RESOURCE_EXHAUSTED,
        `request of ${size} bytes exceeds the limit of ${maxBytes} bytes`,
      );
    }
    const deadline = createDeadline(call.timeoutMs, call.signal);
    try {
      const url = `${base}${method.path}`;
      const response = await doFetch(url, {
        method: "POST",
        headers: requestHeaders(protocol, call),
        body: body as Uint8Array<ArrayBuffer>,
        signal: deadline.signal,
      });
      const reply =
        protocol === "grpc-web"
          ? await grpcWebReply(response, url, maxBytes)
          : await connectReply(response, url, maxBytes);
      try {
        return method.responseType.decode(reply);
      } catch (error) {
        throw new GrpcError(Code.INTERNAL, `cannot decode the reply: ${(error as Error).message}`);
      }
    } catch (error) {
      throw callError(error, deadline, call.signal, base);
    } finally {
      deadline.clear();
    }
  }

  return { unary, close: async () => {} };
}

function requestHeaders(protocol: WebProtocol, call: CallOptions): Headers {
  const headers = new Headers();
  for (const [key, value] of call.metadata) {
    // Binary (-bin) metadata is never forwarded from HTTP, as in the node:http2 transport.
    if (!key.endsWith("-bin")) headers.set(key, value);
  }
  if (protocol === "grpc-web") {
    headers.set("content-type", "application/grpc-web+proto");
    headers.set("x-grpc-web", "1");
    headers.set("grpc-timeout", grpcTimeout(call.timeoutMs));
  } else {
    headers.set("content-type", "application/proto");
    headers.set("connect-protocol-version", "1");
    headers.set("connect-timeout-ms", String(Math.ceil(call.timeoutMs)));
  }
  return headers;
}

async function readBody(response: Response, limit: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get("content-length") ?? 0);
  const tooLarge = () => new GrpcError(Code.RESOURCE_EXHAUSTED, `reply exceeds the limit of ${limit} bytes`);
  if (declared > limit) {
    await response.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.byteLength > limit) throw tooLarge();
  return bytes;
}

async function grpcWebReply(response: Response, url: string, maxBytes: number): Promise<Uint8Array> {
  // Trailers-only replies (an error before any message) carry the status in the HTTP headers.
  const headerStatus = statusFromMetadata(response.headers);
  if (headerStatus) {
    await response.body?.cancel().catch(() => {});
    throw headerStatus;
  }
  const type = response.headers.get("content-type") ?? "";
  if (response.status !== 200 || !type.startsWith("application/grpc-web")) {
    throw nonGrpcResponse(response.status, url, await response.text().catch(() => ""));
  }
  // A frame header is 5 bytes; allow two of them around a maximal message.
  const frames = parseFrames(await readBody(response, maxBytes + 1024), maxBytes);
  const trailerStatus = frames.trailers ? statusFromMetadata(frames.trailers) : undefined;
  if (trailerStatus) throw trailerStatus;
  if (trailerStatus === undefined && headerStatus === undefined) {
    throw new GrpcError(Code.INTERNAL, "invalid gRPC-Web reply: no grpc-status");
  }
  if (!frames.message) throw new GrpcError(Code.INTERNAL, "invalid gRPC-Web reply: no message");
  return frames.message;
}

async function connectReply(response: Response, url: string, maxBytes: number): Promise<Uint8Array> {
  const type = response.headers.get("content-type") ?? "";
  if (response.status === 200 && type.startsWith("application/proto")) return readBody(response, maxBytes);
  const text = await response.text().catch(() => "");
  throw (
    (type.startsWith("application/json") && connectError(response.status, text)) ||
    nonGrpcResponse(response.status, url, text)
  );
}

/** A reply that is not the protocol at all: a proxy's error page, or a Weaviate without the endpoint. */
function nonGrpcResponse(status: number, url: string, text: string): GrpcError {
  const hint =
    status === 404
      ? " (Weaviate serves /v1/grpc-web/ since 1.38.3; older versions need the gRPC transport)"
      : "";
  const snippet = text.trim().slice(0, 200);
  return new GrpcError(
    httpStatusToCode(status),
    `HTTP ${status} from ${url}${hint}${snippet ? `: ${snippet}` : ""}`,
  );
}

function callError(error: unknown, deadline: Deadline, caller: AbortSignal | undefined, base: string) {
  if (error instanceof GrpcError) return error;
  if (deadline.expired()) return new GrpcError(Code.DEADLINE_EXCEEDED, "deadline exceeded");
  if (caller?.aborted) return new GrpcError(Code.CANCELLED, "call cancelled");
  // fetch rejects with a TypeError for connection failures; undici puts the reason in `cause`.
  const cause = (error as { cause?: { message?: string } }).cause?.message;
  const message = (error as Error)?.message ?? String(error);
  return new GrpcError(
    Code.UNAVAILABLE,
    `cannot reach ${base}: ${cause ? `${message} (${cause})` : message}`,
  );
}
