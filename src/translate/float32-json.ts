/**
 * The double whose shortest decimal form is the shortest decimal that parses back to the given float32.
 * A float32 widened to a double prints with up to 17 digits (0.10000000149011612); 9 significant digits
 * always suffice for float32 and most values need fewer (0.1). JSON.stringify prints the shortest form of
 * the double it is given, so returning Number(shortest text) makes plain JSON.stringify emit short vectors.
 * Round-tripping is monotonic in the digit count, so a search over 1..9 digits finds the shortest.
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

/** The shortest form found by shortestScaled, as digits · 10^exponent (digits < 2^53). */
let foundDigits = 0;
let foundExponent = 0;

function shortestScaled(abs: number): number | undefined {
  // The k that scales abs into [1e8, 1e9), by multiplying (cheaper than Math.log10, and exact).
  let k = 1;
  let x = abs * 10;
  while (x < 1e8 && k < 12) x = abs * POW10[++k];
  if (x < 1e8 || x >= 1e9) return undefined;
  // Embedding values mostly need 7 or 8 digits: 7 first, then the side it points to, so most values
  // take two tries where a binary search over 1..9 takes three or four.
  const seven = rounded(x, k, 7);
  if (Math.fround(seven) !== abs) {
    const eight = rounded(x, k, 8);
    return Math.fround(eight) === abs ? eight : rounded(x, k, 9);
  }
  const sevenDigits = foundDigits;
  const sevenExponent = foundExponent;
  if (Math.fround(rounded(x, k, 6)) !== abs) {
    foundDigits = sevenDigits;
    foundExponent = sevenExponent;
    return seven;
  }
  let lo = 1;
  let hi = 6;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (Math.fround(rounded(x, k, mid)) === abs) hi = mid;
    else lo = mid + 1;
  }
  return rounded(x, k, lo);
}

/**
 * Number(abs.toPrecision(p)), where x = abs · 10^k is exact and 1e8 <= x < 1e9; its digits and exponent
 * are left in foundDigits and foundExponent.
 */
function rounded(x: number, k: number, p: number): number {
  const q = POW10[9 - p];
  let t = Math.floor(x / q);
  if (t * q > x) t--;
  else if ((t + 1) * q <= x) t++;
  const d = 2 * (x - t * q) >= q ? t + 1 : t;
  const s = 9 - p - k; // -12 <= s <= 7
  foundDigits = d;
  foundExponent = s;
  return s >= 0 ? d * POW10[s] : d / POW10[-s];
}

const DIGITS = new Uint8Array(12);

/**
 * Writes `JSON.stringify(shortestFloat32(value))` as ASCII at `pos` in `buf` (room for 16 bytes) and
 * returns the position after it, for the common case (zero, and float32s of magnitude 1e-4 to 1e8);
 * returns -1 for the others, which the caller prints as text. Skipping the double and its printing
 * roughly halves the cost of a vector's JSON.
 *
 * The text is Number.prototype.toString's for digits · 10^exponent: the double shortestScaled returns is
 * the correctly rounded parse of that decimal, and no shorter or other decimal of as many digits parses
 * to it (decimals of up to 9 digits lie much further apart than doubles), so it is the double's shortest
 * form. At these magnitudes toString never uses exponent notation.
 */
export function writeShortestFloat32(value: number, buf: Uint8Array, pos: number): number {
  if (value === 0) {
    buf[pos] = 0x30; // -0 prints as 0 too
    return pos + 1;
  }
  const abs = value < 0 ? -value : value;
  if (!(abs >= 1e-4 && abs < 1e8) || Math.fround(abs) !== abs || shortestScaled(abs) === undefined) return -1;
  // At most 10 digits (9, or 10^9 after rounding up): int32 arithmetic, which divides by 10 cheaply.
  let digits = foundDigits | 0;
  let exponent = foundExponent;
  let count = 0;
  let tenth = (digits / 10) | 0;
  while (digits !== 0 && digits === tenth * 10) {
    digits = tenth;
    tenth = (digits / 10) | 0;
    exponent++;
  }
  while (digits > 0) {
    DIGITS[count++] = 0x30 + digits - tenth * 10;
    digits = tenth;
    tenth = (digits / 10) | 0;
  }
  // toString's n: the decimal point sits n digits into the (reversed) DIGITS.
  const n = count + exponent;
  if (value < 0) buf[pos++] = 0x2d;
  if (n <= 0) {
    buf[pos++] = 0x30;
    buf[pos++] = 0x2e;
    for (let z = n; z < 0; z++) buf[pos++] = 0x30;
    for (let i = count - 1; i >= 0; i--) buf[pos++] = DIGITS[i];
  } else if (n >= count) {
    for (let i = count - 1; i >= 0; i--) buf[pos++] = DIGITS[i];
    for (let z = count; z < n; z++) buf[pos++] = 0x30;
  } else {
    for (let i = count - 1; i >= count - n; i--) buf[pos++] = DIGITS[i];
    buf[pos++] = 0x2e;
    for (let i = count - n - 1; i >= 0; i--) buf[pos++] = DIGITS[i];
  }
  return pos;
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
