/**
 * Weaviate's autocut (entities/autocut/autocut.go): the values (distances or scores, best first) are
 * normalised onto the diagonal from the first to the last value, and the result is cut before the
 * `cutOff`-th local maximum of the deviation, i.e. after the `cutOff`-th jump. Returns how many to keep.
 */
export function autocut(values: readonly number[], cutOff: number): number {
  if (values.length <= 1) return values.length;
  const step = 1 / (values.length - 1);
  const first = values[0];
  const last = values[values.length - 1];
  const diff = values.map((v, i) => (v - first) / (last - first) - i * step);
  let extrema = 0;
  for (let i = 1; i < diff.length; i++) {
    const isLast = i === diff.length - 1;
    // Go reads diff[i-2] for the last point; with two values that index does not exist and never compares true.
    const peak = isLast
      ? diff[i] > diff[i - 1] && i >= 2 && diff[i] > diff[i - 2]
      : diff[i] > diff[i - 1] && diff[i] > diff[i + 1];
    if (peak) {
      extrema += 1;
      if (extrema >= cutOff) return i;
    }
  }
  return values.length;
}
