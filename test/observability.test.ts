import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Code } from "../src/grpc/status.js";
import { type GatewayHarness, startGatewayHarness } from "./support/gateway-harness.js";
import { StatusError } from "./support/recording-upstream.js";

let gw: GatewayHarness;
beforeAll(async () => {
  gw = await startGatewayHarness();
});
afterAll(() => gw.close());
beforeEach(() => gw.upstream.reset());

const TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

async function metricsText(): Promise<string> {
  const res = await gw.fetch("/metrics");
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
  return res.text();
}

/** The value of one sample line, e.g. `gateway_http_requests_total{...} 3` → 3 (0 when absent). */
function sample(text: string, series: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe("request id and trace context reach Weaviate", () => {
  it("forwards the caller's x-request-id, traceparent and tracestate as gRPC metadata", async () => {
    const res = await gw.post(
      "/v1/collections/Article/search",
      {},
      { "x-request-id": "req-42", traceparent: TRACEPARENT, tracestate: "vendor=abc" },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toBe("req-42");
    const [call] = gw.upstream.callsTo("Search");
    expect(call.metadata["x-request-id"]).toBe("req-42");
    expect(call.metadata.traceparent).toBe(TRACEPARENT);
    expect(call.metadata.tracestate).toBe("vendor=abc");
  });

  it("sends the generated id upstream when the caller gives none, the same one it echoes", async () => {
    const res = await gw.post("/v1/collections/Article/search", {});
    const echoed = res.headers.get("x-request-id");
    expect(echoed).toMatch(/^[0-9a-f-]{36}$/);
    expect(gw.upstream.callsTo("Search")[0].metadata["x-request-id"]).toBe(echoed);
    expect(gw.upstream.callsTo("Search")[0].metadata.traceparent).toBeUndefined();
  });
});

describe("GET /metrics", () => {
  it("counts requests by route pattern, method and status, with a latency histogram", async () => {
    const series =
      'gateway_http_requests_total{route="/v1/collections/:collection/search",method="POST",status="200"}';
    const before = sample(await metricsText(), series);
    await gw.post("/v1/collections/Article/search", {});
    await gw.post("/v1/collections/Other/search", {});
    const text = await metricsText();
    expect(sample(text, series)).toBe(before + 2);
    expect(text).toContain("# TYPE gateway_http_request_duration_seconds histogram");
    const count = sample(
      text,
      'gateway_http_request_duration_seconds_count{route="/v1/collections/:collection/search",method="POST"}',
    );
    const inf = sample(
      text,
      'gateway_http_request_duration_seconds_bucket{route="/v1/collections/:collection/search",method="POST",le="+Inf"}',
    );
    expect(count).toBeGreaterThanOrEqual(2);
    expect(inf).toBe(count);
    // Collection names never become label values.
    expect(text).not.toContain("Article");
  });

  it("counts upstream errors by gRPC code", async () => {
    const series = 'gateway_upstream_errors_total{method="/weaviate.v1.Weaviate/Search",code="UNAVAILABLE"}';
    const before = sample(await metricsText(), series);
    gw.upstream.on("Search", () => {
      throw new StatusError(Code.UNAVAILABLE, "down");
    });
    expect((await gw.post("/v1/collections/Article/search", {})).status).toBe(503);
    expect(sample(await metricsText(), series)).toBe(before + 1);
  });

  it("counts batch objects by outcome", async () => {
    const text0 = await metricsText();
    const ok0 = sample(text0, 'gateway_batch_objects_total{outcome="success"}');
    const bad0 = sample(text0, 'gateway_batch_objects_total{outcome="failed"}');
    gw.upstream.on("BatchObjects", () => ({ errors: [{ index: 1, error: "bad" }] }));
    const res = await gw.post("/v1/collections/Article/objects/batch", {
      objects: [{ properties: { a: 1 } }, { properties: { a: 2 } }, { properties: { a: 3 } }],
    });
    expect(res.body).toMatchObject({ succeeded: 2, failed: 1 });
    const text = await metricsText();
    expect(sample(text, 'gateway_batch_objects_total{outcome="success"}')).toBe(ok0 + 2);
    expect(sample(text, 'gateway_batch_objects_total{outcome="failed"}')).toBe(bad0 + 1);
  });
});
