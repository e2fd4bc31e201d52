import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeUtf8 } from "../http/read-body.js";
import { decodeUtf8Node } from "./node-text.js";

const outcome = (decode: (b: Uint8Array) => string, bytes: Uint8Array) => {
  try {
    return { text: decode(bytes) };
  } catch {
    return { invalid: true };
  }
};

describe("decodeUtf8Node", () => {
  it("gives TextDecoder's text, or its refusal, for any bytes, at any offset of their buffer (seeded)", () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 64 }),
      fc.uint8Array({ max: 0x7f, maxLength: 64 }),
      fc.string({ unit: "grapheme", maxLength: 32 }).map((s) => new TextEncoder().encode(s)),
    );
    fc.assert(
      fc.property(bytes, fc.nat(8), (inner, offset) => {
        // A view into a larger buffer, as a body read into a pooled or shared buffer can be.
        const whole = new Uint8Array(offset + inner.length + 3).fill(0xff);
        whole.set(inner, offset);
        const view = whole.subarray(offset, offset + inner.length);
        expect(outcome(decodeUtf8Node, view)).toEqual(outcome(decodeUtf8, view));
      }),
      { seed: 7, numRuns: 3000 },
    );
  });

  it("decodes JSON of vector digits, escaped and raw non-ASCII text alike, and refuses invalid UTF-8", () => {
    const ascii = new TextEncoder().encode(JSON.stringify({ vector: [0.1, -2.5e-7], name: "Z\\u00fcrich" }));
    expect(decodeUtf8Node(ascii)).toBe(new TextDecoder().decode(ascii));
    const utf8 = new TextEncoder().encode('{"name":"Zürich 東京"}');
    expect(decodeUtf8Node(utf8)).toBe('{"name":"Zürich 東京"}');
    expect(() => decodeUtf8Node(new Uint8Array([0x7b, 0xc3, 0x28, 0x7d]))).toThrow();
  });
});
