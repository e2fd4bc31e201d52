import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { createMetrics } from "../../metrics/create-metrics.js";
import { metricsMiddleware } from "./index.js";

describe("metrics middleware", () => {
  it("records the route pattern, not the raw path, with the response status", async () => {
    const metrics = createMetrics();
    const app = new Hono()
      .use(metricsMiddleware(metrics))
      .get("/items/:id", (c) => c.json({}, c.req.param("id") === "gone" ? 404 : 200));
    await app.request("/items/1");
    await app.request("/items/2");
    await app.request("/items/gone");
    const text = metrics.render();
    expect(text).toContain('gateway_http_requests_total{route="/items/:id",method="GET",status="200"} 2');
    expect(text).toContain('gateway_http_requests_total{route="/items/:id",method="GET",status="404"} 1');
    expect(text).not.toContain("/items/1");
  });

  it("records a request whose handler threw, under the status the error handler chose", async () => {
    const metrics = createMetrics();
    const app = new Hono().use(metricsMiddleware(metrics)).get("/boom", () => {
      throw new Error("x");
    });
    app.onError((_e, c) => c.text("no", 500));
    expect((await app.request("/boom")).status).toBe(500);
    expect(metrics.render()).toContain('route="/boom",method="GET",status="500"} 1');
  });
});
