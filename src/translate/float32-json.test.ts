import { describe, expect, it } from "vitest";
import { shortestFloat32, writeShortestFloat32 } from "./float32-json.js";

/** The definition: Number(value.toPrecision(p)) for the smallest p in 1..9 that parses back to value. */
function reference(value: number): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  for (let p = 1; p < 9; p++) {
    const n = Number(value.toPrecision(p));
    if (Math.fround(n) === value) return n;
  }
  return Number(value.toPrecision(9));
}

function* float32s(count: number, seed: number): Generator<number> {
  const bits = new Uint32Array(1);
  const f = new Float32Array(bits.buffer);
  let s = seed;
  for (let i = 0; i < count; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    bits[0] = s;
    if (Number.isFinite(f[0])) yield f[0];
  }
}

describe("shortestFloat32 fast path", () => {
  it("equals the toPrecision definition for every bit pattern sampled, of any magnitude", () => {
    for (const f of float32s(200_000, 1)) {
      const got = shortestFloat32(f);
      if (!Object.is(got, reference(f))) expect([f, got]).toEqual([f, reference(f)]);
    }
  });

  it("equals it for embedding-like values, dyadic ties, powers of ten and their neighbours", () => {
    const values: number[] = [];
    let s = 3;
    for (let i = 0; i < 100_000; i++) {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      values.push(Math.fround((s / 2 ** 32 - 0.5) * 0.2));
    }
    for (let e = -6; e <= 9; e++) {
      const p = Math.fround(10 ** e);
      const bits = new Float32Array([p]);
      const u = new Uint32Array(bits.buffer);
      for (let d = -3; d <= 3; d++) values.push(new Float32Array(new Uint32Array([u[0] + d]).buffer)[0]);
    }
    for (let n = 1; n < 4096; n++) values.push(n / 8, n / 1024, n * 0.125 + 0.0625, -n / 64);
    for (const f of values) {
      const got = shortestFloat32(f);
      if (!Object.is(got, reference(f))) expect([f, got]).toEqual([f, reference(f)]);
    }
  });

  it("keeps the definition for doubles that are not float32", () => {
    for (const x of [0.1, 1 / 3, Math.PI, -2.5e-3, 12345.6789012])
      expect(shortestFloat32(x)).toBe(reference(x));
  });
});

describe("writeShortestFloat32", () => {
  const buf = new Uint8Array(16);
  const text = (value: number) => {
    const end = writeShortestFloat32(value, buf, 0);
    return end < 0 ? undefined : new TextDecoder().decode(buf.subarray(0, end));
  };

  it("writes what JSON.stringify prints for shortestFloat32, for every bit pattern it takes", () => {
    let taken = 0;
    for (const f of float32s(400_000, 7)) {
      const got = text(f);
      if (got === undefined) continue;
      taken++;
      if (got !== JSON.stringify(shortestFloat32(f)))
        expect([f, got]).toEqual([f, JSON.stringify(shortestFloat32(f))]);
    }
    // Every magnitude from 1e-4 to 1e8 is taken: about a fifth of all bit patterns.
    expect(taken).toBeGreaterThan(60_000);
  });

  it("takes embedding values, decade edges and signs, and leaves the rest to the caller", () => {
    const values = [0.1, -0.1, 1, 10, 1e-4, 1.5e-4, 99999992, 12345678, 0.30000001, -7.5e-3].map(Math.fround);
    for (let e = -4; e <= 7; e++) {
      const u = new Uint32Array(new Float32Array([10 ** e]).buffer)[0];
      for (let d = -2; d <= 2; d++) values.push(new Float32Array(new Uint32Array([u + d]).buffer)[0]);
    }
    let s = 11;
    for (let i = 0; i < 50_000; i++) {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      values.push(Math.fround((s / 2 ** 32 - 0.5) * 0.2));
    }
    for (const f of values) {
      if (f === 0 || Math.abs(f) < 1e-4 || Math.abs(f) >= 1e8) continue;
      expect([f, text(f)]).toEqual([f, JSON.stringify(shortestFloat32(f))]);
    }
    expect([text(0), text(-0)]).toEqual(["0", "0"]);
    for (const other of [Number.NaN, Number.POSITIVE_INFINITY, -3.4028234663852886e38, 1e-45, 9.99e-5, 1e8])
      expect(text(Math.fround(other))).toBeUndefined();
    // A double that is not a float32 is not its business either.
    expect(text(0.1)).toBeUndefined();
  });
});
