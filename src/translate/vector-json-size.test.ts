import { describe, expect, it } from "vitest";
import { packSingle, singleToJson } from "./vectors.js";

/**
 * Why replies print vectors with shortestFloat32: a float32 widened to a double prints with up to 17
 * significant digits, while 9 always suffice and most values need fewer. Measured on a 1536-dimension
 * vector (the size of OpenAI's text-embedding-3-small) of values in the range real embeddings have.
 */
function embedding(dim: number, seed: number): number[] {
  let s = seed;
  const out: number[] = [];
  for (let i = 0; i < dim; i++) {
    s = (s * 1103515245 + 12345) % 2 ** 31; // deterministic LCG: the measurement is reproducible
    out.push((s / 2 ** 31 - 0.5) * 0.2);
  }
  return out;
}

describe("vector JSON size", () => {
  it("is about half the bytes of Math.fround doubles for a 1536-dimension vector, and round-trips", () => {
    const bytes = packSingle(embedding(1536, 42));
    const shortest = singleToJson(bytes);
    const widened = Array.from(new Float32Array(bytes.buffer), (x) => Math.fround(x));
    const shortBytes = JSON.stringify(shortest).length;
    const wideBytes = JSON.stringify(widened).length;
    const ratio = shortBytes / wideBytes;
    console.info(
      `1536-dim vector: shortest ${shortBytes} B, widened doubles ${wideBytes} B, ratio ${ratio.toFixed(3)}`,
    );
    expect(ratio).toBeLessThan(0.6);
    expect(shortest.map(Math.fround)).toEqual(widened);
  });
});
