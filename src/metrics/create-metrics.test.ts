import { describe, expect, it } from "vitest";
import { createMetrics } from "./create-metrics.js";

describe("createMetrics", () => {
  it("renders HELP and TYPE for every family, and cumulative histogram buckets", () => {
    const m = createMetrics([0.1, 1]);
    m.httpRequest("/x", "GET", 200, 0.05);
    m.httpRequest("/x", "GET", 200, 0.5);
    m.httpRequest("/x", "GET", 200, 5);
    const text = m.render();
    expect(text).toContain("# TYPE gateway_http_requests_total counter");
    expect(text).toContain('gateway_http_requests_total{route="/x",method="GET",status="200"} 3');
    expect(text).toContain(
      'gateway_http_request_duration_seconds_bucket{route="/x",method="GET",le="0.1"} 1',
    );
    expect(text).toContain('gateway_http_request_duration_seconds_bucket{route="/x",method="GET",le="1"} 2');
    expect(text).toContain(
      'gateway_http_request_duration_seconds_bucket{route="/x",method="GET",le="+Inf"} 3',
    );
    expect(text).toContain('gateway_http_request_duration_seconds_sum{route="/x",method="GET"} 5.55');
    expect(text.endsWith("\n")).toBe(true);
  });

  it("counts only failed upstream calls as errors, and escapes label values", () => {
    const m = createMetrics();
    m.upstreamCall('/a"b', "OK", 0.01);
    m.upstreamCall("/s", "UNAVAILABLE", 0.01);
    const text = m.render();
    expect(text).toContain('gateway_upstream_calls_total{method="/a\\"b",code="OK"} 1');
    expect(text).toContain('gateway_upstream_errors_total{method="/s",code="UNAVAILABLE"} 1');
    expect(text).not.toContain('gateway_upstream_errors_total{method="/a');
  });

  it("adds batch objects by outcome and ignores zero counts", () => {
    const m = createMetrics();
    m.batchObjects("success", 3);
    m.batchObjects("success", 2);
    m.batchObjects("failed", 0);
    const text = m.render();
    expect(text).toContain('gateway_batch_objects_total{outcome="success"} 5');
    expect(text).not.toContain('outcome="failed"');
  });
});
