/**
 * The gateway's Prometheus metrics, kept in memory per app instance and rendered in the text exposition
 * format 0.0.4 (https://prometheus.io/docs/instrumenting/exposition_formats/). Written by hand rather than
 * with prom-client because that package is Node-only and the core must also run on Workers. Labels are
 * low-cardinality by construction: route patterns, never raw paths.
 */

export interface Metrics {
  /** One finished HTTP request: route pattern, method, status and duration. */
  httpRequest(route: string, method: string, status: number, seconds: number): void;
  /** One finished upstream call: its gRPC path, status code name (`OK`, `UNAVAILABLE`) and duration. */
  upstreamCall(method: string, code: string, seconds: number): void;
  /** Objects written to Weaviate, by outcome. */
  batchObjects(outcome: "success" | "failed", count: number): void;
  /** The exposition text. */
  render(): string;
}

/** Prometheus client libraries' default buckets (seconds): they cover 5 ms to 10 s. */
export const DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

export const METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

type Labels = Readonly<Record<string, string>>;

interface Family {
  readonly name: string;
  readonly help: string;
  readonly type: "counter" | "histogram";
  render(): string[];
}

function labelText(labels: Labels, extra?: [string, string]): string {
  const pairs = Object.entries(labels);
  if (extra) pairs.push(extra);
  if (!pairs.length) return "";
  // Exposition format escaping: backslash, double quote and newline.
  const esc = (v: string) => v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
  return `{${pairs.map(([k, v]) => `${k}="${esc(v)}"`).join(",")}}`;
}

/**
 * The series key of a label set: its values in order, unescaped (escaping happens once, at render). Every
 * request updates several series, so this runs on the hot path.
 */
function seriesKey(labels: Labels): string {
  let key = "";
  for (const name in labels) key += `${labels[name]}\u0001`;
  return key;
}

function counter(name: string, help: string) {
  const values = new Map<string, { labels: Labels; value: number }>();
  return {
    name,
    help,
    type: "counter" as const,
    inc(labels: Labels, by = 1) {
      const key = seriesKey(labels);
      const entry = values.get(key);
      if (entry) entry.value += by;
      else values.set(key, { labels, value: by });
    },
    render: () => [...values.values()].map((e) => `${name}${labelText(e.labels)} ${e.value}`),
  };
}

function histogram(name: string, help: string, buckets: readonly number[]) {
  const values = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>();
  return {
    name,
    help,
    type: "histogram" as const,
    observe(labels: Labels, value: number) {
      const key = seriesKey(labels);
      let entry = values.get(key);
      if (!entry) {
        entry = { labels, counts: buckets.map(() => 0), sum: 0, count: 0 };
        values.set(key, entry);
      }
      for (let i = 0; i < buckets.length; i++) if (value <= buckets[i]) entry.counts[i]++;
      entry.sum += value;
      entry.count++;
    },
    render: () =>
      [...values.values()].flatMap((e) => [
        ...buckets.map((b, i) => `${name}_bucket${labelText(e.labels, ["le", String(b)])} ${e.counts[i]}`),
        `${name}_bucket${labelText(e.labels, ["le", "+Inf"])} ${e.count}`,
        `${name}_sum${labelText(e.labels)} ${e.sum}`,
        `${name}_count${labelText(e.labels)} ${e.count}`,
      ]),
  };
}

export function createMetrics(buckets: readonly number[] = DEFAULT_BUCKETS): Metrics {
  const requests = counter(
    "gateway_http_requests_total",
    "HTTP requests by route pattern, method and status.",
  );
  const duration = histogram(
    "gateway_http_request_duration_seconds",
    "HTTP request latency until the response headers, by route pattern and method.",
    buckets,
  );
  const upstreamCalls = counter("gateway_upstream_calls_total", "gRPC calls to Weaviate by method and code.");
  const upstreamErrors = counter(
    "gateway_upstream_errors_total",
    "gRPC calls to Weaviate that failed, by method and gRPC status code.",
  );
  const upstreamDuration = histogram(
    "gateway_upstream_duration_seconds",
    "gRPC call latency by method.",
    buckets,
  );
  const objects = counter("gateway_batch_objects_total", "Objects sent to Weaviate for writing, by outcome.");
  const families: Family[] = [requests, duration, upstreamCalls, upstreamErrors, upstreamDuration, objects];
  return {
    httpRequest(route, method, status, seconds) {
      requests.inc({ route, method, status: String(status) });
      duration.observe({ route, method }, seconds);
    },
    upstreamCall(method, code, seconds) {
      upstreamCalls.inc({ method, code });
      if (code !== "OK") upstreamErrors.inc({ method, code });
      upstreamDuration.observe({ method }, seconds);
    },
    batchObjects(outcome, count) {
      if (count > 0) objects.inc({ outcome }, count);
    },
    render: () =>
      `${families
        .flatMap((f) => [`# HELP ${f.name} ${f.help}`, `# TYPE ${f.name} ${f.type}`, ...f.render()])
        .join("\n")}\n`,
  };
}
