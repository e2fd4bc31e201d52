/**
 * The double whose shortest decimal form is the shortest decimal that parses back to the given float32.
 * A float32 widened to a double prints with up to 17 digits (0.10000000149011612); 9 significant digits
 * always suffice for float32 and most values need fewer (0.1). JSON.stringify prints the shortest form of
 * the double it is given, so returning Number(shortest text) makes plain JSON.stringify emit short vectors.
 * Round-tripping is monotonic in the digit count, so a binary search over 1..9 digits finds the shortest.
 *
 * The result is always `Number(value.toPrecision(p))` for the smallest such p. Vectors print thousands of
 * these per reply, so the common case (a float32 of magnitude 1e-4 to 1e8, which covers embeddings) computes
 * `toPrecision(p)` with exact integer arithmetic in doubles instead of formatting and parsing strings:
 * - x = |value| · 10^k, scaled into [1e8, 1e9) with 1 ≤ k ≤ 12, is exact: a float32 has a 24-bit
 *   significand and 5^12 < 2^28, so the product needs at most 52 bits;
 * - rounding x to p digits (half up, as toPrecision does) is then exact integer work on numbers < 2^53;
 * - the rounded digits d < 2^53 times or divided by 10^|s| with |s| ≤ 22 is one correctly rounded operation,
 *   so it equals parsing the decimal text (Clinger's fast path).
 * Everything else (tiny or huge magnitudes, values that are not float32) takes the string path.
 */
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

export function shortestFloat32(value: number): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  const abs = value < 0 ? -value : value;
  if (abs >= 1e-4 && abs < 1e8 && Math.fround(abs) === abs) {
    const fast = shortestScaled(abs);
    if (fast !== undefined) return value < 0 ? -fast : fast;
  }
  return shortestByText(value);
}

function shortestScaled(abs: number): number | undefined {
  let k = 8 - Math.floor(Math.log10(abs));
  let x = abs * POW10[k];
  // log10 can be off by one next to a power of ten: correct k so that 1e8 <= x < 1e9.
  if (x < 1e8) x = abs * POW10[++k];
  else if (x >= 1e9) x = abs * POW10[--k];
  if (k < 1 || k > 12 || x < 1e8 || x >= 1e9) return undefined;
  let lo = 1;
  let hi = 9;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (Math.fround(rounded(x, k, mid)) === abs) hi = mid;
    else lo = mid + 1;
  }
  return rounded(x, k, lo);
}

/** Number(abs.toPrecision(p)), where x = abs · 10^k is exact and 1e8 <= x < 1e9. */
function rounded(x: number, k: number, p: number): number {
  const q = POW10[9 - p];
  let t = Math.floor(x / q);
  if (t * q > x) t--;
  else if ((t + 1) * q <= x) t++;
  const d = 2 * (x - t * q) >= q ? t + 1 : t;
  const s = 9 - p - k; // -12 <= s <= 7
  return s >= 0 ? d * POW10[s] : d / POW10[-s];
}

function shortestByText(value: number): number {
  let lo = 1;
  let hi = 9;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (Math.fround(Number(value.toPrecision(mid))) === value) hi = mid;
    else lo = mid + 1;
  }
  return Number(value.toPrecision(lo));
}
