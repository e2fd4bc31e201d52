import { describe, expect, it } from "vitest";
import { Code } from "../status.js";
import { encodeFrame, parseFrames, parseTrailerBlock } from "./frames.js";

const text = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

describe("gRPC-Web framing", () => {
  it("round-trips a message frame and reads the trailer frame", () => {
    const body = concat(
      encodeFrame(Uint8Array.of(8, 1)),
      encodeFrame(text("grpc-status: 0\r\nx-a: b\r\n"), 0x80),
    );
    const { message, trailers } = parseFrames(body, 100);
    expect([...(message ?? [])]).toEqual([8, 1]);
    expect(trailers?.get("grpc-status")).toBe("0");
    expect(trailers?.get("x-a")).toBe("b");
  });

  it.each([
    ["a truncated header", Uint8Array.of(0, 0, 0)],
    ["a truncated payload", encodeFrame(Uint8Array.of(1, 2, 3)).subarray(0, 6)],
    ["a compressed frame", encodeFrame(Uint8Array.of(1), 0x01)],
    ["two messages", concat(encodeFrame(Uint8Array.of(1)), encodeFrame(Uint8Array.of(2)))],
  ])("rejects %s as INTERNAL", (_name, body) => {
    expect(() => parseFrames(body, 100)).toThrow(expect.objectContaining({ code: Code.INTERNAL }));
  });

  it("rejects a message over the limit before reading it", () => {
    const header = encodeFrame(new Uint8Array(0));
    new DataView(header.buffer).setUint32(1, 5000);
    expect(() => parseFrames(header, 100)).toThrow(
      expect.objectContaining({ code: Code.RESOURCE_EXHAUSTED }),
    );
  });

  it("parses trailer lines leniently (case, spacing, LF only)", () => {
    const h = parseTrailerBlock(text("Grpc-Status:5\ngrpc-message:  not%20found \n\n"));
    expect([h.get("grpc-status"), h.get("grpc-message")]).toEqual(["5", "not%20found"]);
  });
});
