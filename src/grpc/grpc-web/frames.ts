import { Code, GrpcError } from "../status.js";

/**
 * gRPC-Web body framing (github.com/grpc/grpc/blob/master/doc/PROTOCOL-WEB.md): each frame is one flag
 * byte, a 4-byte big-endian length and the payload. Flag bit 0x80 marks the trailer frame, whose payload
 * is HTTP/1 header lines; bit 0x01 marks a compressed message, which we never ask for.
 */

/** The flag bit of the trailer frame. */
export const TRAILER = 0x80;
const COMPRESSED = 0x01;

/**
 * One frame around `payload`: the development backend's replies (dev/backend/grpc-web-server.ts). The
 * gateway's requests are framed in place, as gRPC frames them (grpc/wire/request-bytes.ts).
 */
export function encodeFrame(payload: Uint8Array, flags = 0): Uint8Array {
  const frame = new Uint8Array(5 + payload.byteLength);
  const view = new DataView(frame.buffer);
  view.setUint8(0, flags);
  view.setUint32(1, payload.byteLength, false);
  frame.set(payload, 5);
  return frame;
}

export interface GrpcWebBody {
  /** The one message of a unary reply, if any. */
  readonly message?: Uint8Array;
  /** The trailer frame as headers (lowercase keys), if any. */
  readonly trailers?: Headers;
}

export function parseFrames(body: Uint8Array, maxMessageBytes: number): GrpcWebBody {
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  let message: Uint8Array | undefined;
  let trailers: Headers | undefined;
  let offset = 0;
  while (offset < body.byteLength) {
    if (body.byteLength - offset < 5) throw protocolError("truncated frame header");
    const flags = view.getUint8(offset);
    const length = view.getUint32(offset + 1, false);
    if (!(flags & TRAILER) && length > maxMessageBytes) {
      throw new GrpcError(
        Code.RESOURCE_EXHAUSTED,
        `reply of ${length} bytes exceeds the limit of ${maxMessageBytes} bytes`,
      );
    }
    const start = offset + 5;
    if (start + length > body.byteLength) throw protocolError("truncated frame");
    const payload = body.subarray(start, start + length);
    offset = start + length;
    if (flags & TRAILER) {
      trailers = parseTrailerBlock(payload);
    } else if (flags & COMPRESSED) {
      throw protocolError("compressed frame, but no compression was negotiated");
    } else if (message) {
      throw protocolError("more than one message in a unary reply");
    } else {
      message = payload;
    }
  }
  return { message, trailers };
}

/** `name: value\r\n` lines (PROTOCOL-WEB.md: trailer names are lowercase, but be lenient). */
export function parseTrailerBlock(payload: Uint8Array): Headers {
  const headers = new Headers();
  for (const line of new TextDecoder().decode(payload).split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return headers;
}

function protocolError(detail: string): GrpcError {
  return new GrpcError(Code.INTERNAL, `invalid gRPC-Web reply: ${detail}`);
}
