/**
 * The double whose shortest decimal form is the shortest decimal that parses back to the given float32.
 * A float32 widened to a double prints with up to 17 digits (0.10000000149011612); 9 significant digits
 * always suffice for float32 and most values need fewer (0.1). JSON.stringify prints the shortest form of
 * the double it is given, so returning Number(shortest text) makes plain JSON.stringify emit short vectors.
 * Round-tripping is monotonic in the digit count, so a binary search over 1..9 needs about three
 * toPrecision calls.
 */
export function shortestFloat32(value: number): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  let lo = 1;
  let hi = 9;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (Math.fround(Number(value.toPrecision(mid))) === value) hi = mid;
    else lo = mid + 1;
  }
  return Number(value.toPrecision(lo));
}
