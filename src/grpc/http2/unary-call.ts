import * as http2 from "node:http2";
import { Code, GrpcError } from "../status.js";
import type { MessageDecoder } from "../transport.js";
import { httpStatusToCode } from "../wire/http-status-to-code.js";
import { statusFromMetadata } from "../wire/status-from-metadata.js";
import { describeError } from "./describe-error.js";
import type { Connection, SessionPool } from "./http2-session-pool.js";
import { http2ErrorName, rstStreamCode } from "./rst-stream-code.js";

const { NGHTTP2_CANCEL } = http2.constants;
const CALL = Symbol("unary call");
/** Compressed-Flag of the length prefix (gRPC over HTTP/2 spec, "Length-Prefixed-Message"). */
const UNCOMPRESSED = 0;

type CallStream = http2.ClientHttp2Stream & { [CALL]?: UnaryCall };
type ResponseHeaders = http2.IncomingHttpHeaders & http2.IncomingHttpStatusHeader;

/** What calls share with their transport. */
export interface CallContext {
  readonly pool: SessionPool;
  /** The upstream URL, for messages. */
  readonly url: string;
  readonly maxMessageBytes: number;
}

/**
 * Runs a unary call on a stream whose request is written: reads the one length-prefixed reply message and
 * the status, enforces the deadline and the caller's signal, and settles with the decoded reply or a
 * GrpcError.
 */
export function awaitReply<O>(
  context: CallContext,
  connection: Connection,
  stream: http2.ClientHttp2Stream,
  path: string,
  codec: MessageDecoder<O>,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<O> {
  return new Promise<O>((resolve, reject) => {
    const call = new UnaryCall(context, connection, stream, path, codec, signal, resolve, reject);
    const s = stream as CallStream;
    s[CALL] = call;
    s.on("response", onResponse);
    s.on("data", onData);
    s.on("trailers", onTrailers);
    s.on("error", onError);
    s.on("close", onClose);
    connection.active++;
    call.timer = setTimeout(onDeadline, timeoutMs, call);
    signal?.addEventListener("abort", call);
  });
}

// The stream listeners are shared functions that find their call through a symbol on the stream (`this` is
// the stream), so a call costs one object, its promise and its timer, and no closures.

function onResponse(this: CallStream, headers: ResponseHeaders) {
  const call = this[CALL];
  if (call && !call.done) call.onHeaders(headers);
}

function onData(this: CallStream, chunk: Buffer) {
  const call = this[CALL];
  if (call && !call.done) call.onData(chunk);
}

function onTrailers(this: CallStream, trailers: http2.IncomingHttpHeaders) {
  const call = this[CALL];
  if (call && call.status === undefined) call.status = statusOf(trailers);
}

function onError(this: CallStream, error: Error) {
  const call = this[CALL];
  if (call) call.error ??= error;
}

function onClose(this: CallStream) {
  const call = this[CALL];
  if (call && !call.done) call.onClose();
}

function onDeadline(call: UnaryCall) {
  call.cancel(new GrpcError(Code.DEADLINE_EXCEEDED, "deadline exceeded"));
}

/** `grpc-status` and friends from node:http2's header object; OK without building anything. */
function statusOf(headers: http2.IncomingHttpHeaders): GrpcError | null | undefined {
  const raw = headers["grpc-status"];
  if (raw === undefined) return undefined;
  if (raw === "0") return null;
  return statusFromMetadata({
    get: (name) => {
      const value = headers[name];
      return typeof value === "string" ? value : null;
    },
  });
}

/** `application/grpc`, optionally `+proto` or parameters (gRPC over HTTP/2 spec, "Content-Type"). */
function isGrpcContentType(type: string | undefined): boolean {
  if (!type?.startsWith("application/grpc")) return false;
  const next = type.charCodeAt(16);
  return Number.isNaN(next) || next === 0x2b /* + */ || next === 0x3b /* ; */;
}

/**
 * One call's state. A class with fields rather than closures: see the listeners above. The reply is read
 * without copying when a DATA chunk holds the whole message (the common case), otherwise into one buffer of
 * the declared length.
 */
class UnaryCall {
  done = false;
  /** undefined until a grpc-status arrives, then null for OK or the error. */
  status: GrpcError | null | undefined = undefined;
  error: Error | undefined = undefined;
  timer: ReturnType<typeof setTimeout> | undefined = undefined;
  /** The length prefix when it is split across DATA chunks. */
  prefix: Uint8Array | undefined = undefined;
  prefixFill = 0;
  /** The declared length of a message still being received; -1 when none is. */
  expected = -1;
  filled = 0;
  message: Uint8Array | undefined = undefined;

  constructor(
    readonly context: CallContext,
    readonly connection: Connection,
    readonly stream: http2.ClientHttp2Stream,
    readonly path: string,
    readonly codec: MessageDecoder<unknown>,
    readonly signal: AbortSignal | undefined,
    readonly resolve: (reply: never) => void,
    readonly reject: (error: GrpcError) => void,
  ) {}

  /** The caller's signal aborted (EventListener object, so no closure). */
  handleEvent() {
    this.cancel(new GrpcError(Code.CANCELLED, "call cancelled"));
  }

  onHeaders(headers: ResponseHeaders) {
    // A trailers-only reply (an error before any message) carries the status in the headers.
    if (headers["grpc-status"] !== undefined) {
      this.status = statusOf(headers);
      return;
    }
    const httpStatus = headers[":status"] ?? 0;
    if (httpStatus !== 200) {
      this.cancel(
        new GrpcError(
          httpStatusToCode(httpStatus),
          `HTTP ${httpStatus} from ${this.context.url}${this.path}`,
        ),
      );
    } else if (!isGrpcContentType(headers["content-type"])) {
      const type = JSON.stringify(headers["content-type"] ?? "");
      this.cancel(
        new GrpcError(
          Code.UNKNOWN,
          `not a gRPC reply from ${this.context.url}${this.path}: content-type ${type}`,
        ),
      );
    }
  }

  onData(chunk: Buffer) {
    const length = chunk.length;
    let offset = 0;
    while (offset < length) {
      if (this.expected < 0) {
        let flags: number;
        let size: number;
        if (this.prefixFill === 0 && length - offset >= 5) {
          flags = chunk[offset];
          size = chunk.readUInt32BE(offset + 1);
          offset += 5;
        } else {
          this.prefix ??= new Uint8Array(5);
          const prefix = this.prefix;
          const n = Math.min(5 - this.prefixFill, length - offset);
          chunk.copy(prefix, this.prefixFill, offset, offset + n);
          this.prefixFill += n;
          offset += n;
          if (this.prefixFill < 5) return;
          this.prefixFill = 0;
          flags = prefix[0];
          size = ((prefix[1] << 24) | (prefix[2] << 16) | (prefix[3] << 8) | prefix[4]) >>> 0;
        }
        if (!this.startMessage(flags, size)) return;
        if (length - offset >= size) {
          this.message = chunk.subarray(offset, offset + size);
          offset += size;
          continue;
        }
        this.message = Buffer.allocUnsafe(size);
        this.expected = size;
        this.filled = 0;
      }
      const n = Math.min(this.expected - this.filled, length - offset);
      chunk.copy(this.message as Uint8Array, this.filled, offset, offset + n);
      this.filled += n;
      offset += n;
      if (this.filled === this.expected) this.expected = -1;
    }
  }

  /** Checks a message's prefix; false when the call failed. */
  startMessage(flags: number, size: number): boolean {
    const where = `from ${this.context.url}${this.path}`;
    if (this.message !== undefined) {
      this.cancel(new GrpcError(Code.INTERNAL, `invalid gRPC reply ${where}: more than one message`));
    } else if (flags !== UNCOMPRESSED) {
      const what = flags === 1 ? "a compressed message, but no compression was negotiated" : `flags ${flags}`;
      this.cancel(new GrpcError(Code.INTERNAL, `invalid gRPC reply ${where}: ${what}`));
    } else if (size > this.context.maxMessageBytes) {
      this.cancel(
        new GrpcError(
          Code.RESOURCE_EXHAUSTED,
          `reply of ${size} bytes exceeds the limit of ${this.context.maxMessageBytes} bytes`,
        ),
      );
    } else {
      return true;
    }
    return false;
  }

  /** The stream closed: every DATA chunk and the trailers have been seen. */
  onClose() {
    const status = this.status;
    if (status === undefined) return this.finish(this.closeError());
    if (status !== null) return this.finish(status);
    const where = `from ${this.context.url}${this.path}`;
    if (this.expected >= 0 || this.prefixFill > 0) {
      return this.finish(new GrpcError(Code.INTERNAL, `invalid gRPC reply ${where}: truncated message`));
    }
    if (this.message === undefined) {
      return this.finish(
        new GrpcError(Code.INTERNAL, `invalid gRPC reply ${where}: status OK but no message`),
      );
    }
    let reply: unknown;
    try {
      reply = this.codec.decode(this.message);
    } catch (error) {
      return this.finish(
        new GrpcError(Code.INTERNAL, `cannot decode the reply: ${(error as Error).message}`),
      );
    }
    this.finish(undefined, reply);
  }

  /** Why a stream closed without a gRPC status. */
  closeError(): GrpcError {
    const { url } = this.context;
    const error = this.error;
    const outOfStreams = (error as { code?: string } | undefined)?.code === "ERR_HTTP2_OUT_OF_STREAMS";
    if (outOfStreams) this.context.pool.retire(this.connection);
    // A session that died takes its streams with it, whatever their reset code says.
    if (this.connection.session.destroyed || outOfStreams) {
      const reason = error ? describeError(error) : "the connection closed before the reply";
      // The streams hear of a failed connect before the session's own error event.
      this.connection.failure ??= reason;
      return new GrpcError(Code.UNAVAILABLE, `upstream ${url} unavailable: ${reason}`);
    }
    const rstCode = this.stream.rstCode ?? 0;
    if (rstCode !== 0) {
      return new GrpcError(rstStreamCode(rstCode), `stream to ${url} reset with ${http2ErrorName(rstCode)}`);
    }
    if (error) return new GrpcError(Code.UNAVAILABLE, `upstream ${url} unavailable: ${describeError(error)}`);
    return new GrpcError(Code.INTERNAL, `invalid gRPC reply from ${url}${this.path}: no grpc-status`);
  }

  /** Ends the call from our side (deadline, caller, bad reply): the server sees RST_STREAM CANCEL. */
  cancel(error: GrpcError) {
    if (this.done) return;
    this.finish(error);
    this.stream.close(NGHTTP2_CANCEL);
  }

  finish(error: GrpcError | undefined, reply?: unknown) {
    this.done = true;
    clearTimeout(this.timer);
    this.signal?.removeEventListener("abort", this);
    this.connection.active--;
    if (error) this.reject(error);
    else this.resolve(reply as never);
  }
}
