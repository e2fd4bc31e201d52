import { describe, expect, it } from "vitest";
import { Vectors_VectorType } from "../gen/v1/base.js";
import { shortestFloat32 } from "./float32-json.js";
import { packMulti, packSingle, toVectors, unpackMulti, unpackSingle, vectorsToJson } from "./vectors.js";

describe("vectors", () => {
  it("packs a single vector as float32 little-endian with no header", () => {
    const bytes = packSingle([1, -2.5]);
    expect([...bytes]).toEqual([0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x20, 0xc0]);
  });

  it("packs a multi-vector behind a uint16 little-endian dimension header", () => {
    const bytes = packMulti([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(bytes.byteLength).toBe(2 + 6 * 4);
    expect(bytes[0] | (bytes[1] << 8)).toBe(3);
    expect(unpackMulti(bytes)).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });

  it("round-trips through unpack at any byte offset", () => {
    const inner = packSingle([0.5, 0.25]);
    const shifted = new Uint8Array(inner.byteLength + 1);
    shifted.set(inner, 1);
    expect(unpackSingle(shifted.subarray(1))).toEqual([0.5, 0.25]);
  });

  it("types a Vectors entry by the JSON shape", () => {
    expect(toVectors([1, 2]).type).toBe(Vectors_VectorType.VECTOR_TYPE_SINGLE_FP32);
    expect(toVectors([[1, 2]], "colbert")).toMatchObject({
      name: "colbert",
      type: Vectors_VectorType.VECTOR_TYPE_MULTI_FP32,
    });
  });

  it("prints reply vectors in their shortest float32 form", () => {
    const json = JSON.stringify(vectorsToJson({ vectorBytes: packSingle([0.1, 0.2, 1 / 3]) }));
    expect(json).toBe("[0.1,0.2,0.33333334]");
  });
});

describe("shortestFloat32", () => {
  it("finds the shortest decimal that parses back to the same float32", () => {
    for (const x of [
      0.1, 1e-7, 123456.789, -3.4028234663852886e38, 1.401298464324817e-45, 0.3333333432674408,
    ]) {
      const f = Math.fround(x);
      const s = shortestFloat32(f);
      expect(Math.fround(s)).toBe(f);
      expect(
        String(s)
          .replace(/^-|e.*$|\./g, "")
          .replace(/^0+/, "").length,
      ).toBeLessThanOrEqual(9);
    }
  });

  it("is never longer than the widened double and usually about half as long", () => {
    let short = 0;
    let long = 0;
    let seed = 7;
    for (let i = 0; i < 2000; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const f = Math.fround(seed / 2 ** 31 - 0.5);
      short += String(shortestFloat32(f)).length;
      long += String(f).length;
    }
    expect(short).toBeLessThan(long * 0.65);
  });
});
