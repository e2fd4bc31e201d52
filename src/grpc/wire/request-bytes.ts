import { BinaryWriter } from "@bufbuild/protobuf/wire";
import type { MessageCodec } from "../transport.js";

const PREFIX = new Uint8Array(5);

/**
 * A request message behind the 5-byte length prefix that gRPC and gRPC-Web data frames share (flag 0,
 * uint32 big-endian length), in one buffer: written by the codec's encodeAt when it has one, so a
 * large batch request is laid out once instead of through a doubling writer and a copy into the frame.
 */
export function encodeRequestFrame<I>(codec: MessageCodec<I>, request: I): Uint8Array {
  const frame = codec.encodeAt
    ? codec.encodeAt(request, 5)
    : codec.encode(request, new BinaryWriter().raw(PREFIX)).finish();
  const size = frame.byteLength - 5;
  frame[1] = size >>> 24;
  frame[2] = (size >>> 16) & 0xff;
  frame[3] = (size >>> 8) & 0xff;
  frame[4] = size & 0xff;
  return frame;
}

/** A request message's bytes alone (Connect's unary body), through encodeAt when the codec has it. */
export function encodeRequest<I>(codec: MessageCodec<I>, request: I): Uint8Array {
  return codec.encodeAt ? codec.encodeAt(request, 0) : codec.encode(request).finish();
}
