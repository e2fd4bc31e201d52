import { Hono } from "hono";
import { METRICS_CONTENT_TYPE, type Metrics } from "../metrics/create-metrics.js";

/** `GET /metrics`: the Prometheus text exposition of this instance's counters and histograms. */
export function metricsRoutes(metrics: Metrics): Hono {
  return new Hono().get(
    "/metrics",
    () => new Response(metrics.render(), { headers: { "content-type": METRICS_CONTENT_TYPE } }),
  );
}
