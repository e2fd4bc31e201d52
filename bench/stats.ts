/** Latency samples (ms) → the figures the table reports. */
export interface LoadResult {
  /** Completed 2xx requests (or OK calls) in the measured window. */
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  mean: number;
  /** Response bytes per request (body only), when known. */
  bytesPerResponse?: number;
}

/** Collects latencies without allocating per sample. */
export function createRecorder(): { add(ms: number): void; values(): Float64Array } {
  let buf = new Float64Array(1 << 16);
  let n = 0;
  return {
    add(ms) {
      if (n === buf.length) {
        const next = new Float64Array(buf.length * 2);
        next.set(buf);
        buf = next;
      }
      buf[n++] = ms;
    },
    values: () => buf.subarray(0, n),
  };
}

export function summarise(latencies: Float64Array, errors: number, seconds: number): LoadResult {
  const sorted = Float64Array.from(latencies).sort();
  const at = (q: number) =>
    sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN;
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    requests: sorted.length,
    errors,
    seconds,
    rps: sorted.length / seconds,
    p50: at(0.5),
    p99: at(0.99),
    mean: sorted.length ? sum / sorted.length : NaN,
  };
}

/** The middle value (the upper one of an even count): the figure a repeated measurement reports. */
export function median(xs: readonly number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
}
