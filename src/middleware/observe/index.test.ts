import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { createJsonLogger } from "../../logger.js";
import { createMetrics } from "../../metrics/create-metrics.js";
import { recordUpstream } from "../access-log/index.js";
import { requestIdOf } from "../request-id/index.js";
import { observe } from "./index.js";

function app() {
  const lines: string[] = [];
  const metrics = createMetrics();
  const logger = createJsonLogger("info", (l) => lines.push(l));
  const hono = new Hono()
    .use(observe({ logger, metrics }))
    .get("/items/:id", (c) =>
      c.text(requestIdOf(c.req.raw) ?? "none", c.req.param("id") === "gone" ? 404 : 200),
    )
    .get("/boom", () => {
      throw new Error("x");
    });
  hono.onError((_e, c) => c.text("no", 500));
  return { hono, lines, metrics };
}

describe("observe: request id, metrics and access log in one layer", () => {
  it("keeps a well-formed caller id and echoes it", async () => {
    const res = await app().hono.request("/items/1", { headers: { "x-request-id": "abc-123" } });
    expect(res.headers.get("x-request-id")).toBe("abc-123");
    expect(await res.text()).toBe("abc-123");
  });

  it("generates a UUID when the caller sends none or a malformed one", async () => {
    for (const headers of [{}, { "x-request-id": "bad id\twith spaces" }] as Record<string, string>[]) {
      const res = await app().hono.request("/items/1", { headers });
      const id = res.headers.get("x-request-id");
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(await res.text()).toBe(id);
    }
  });

  it("records the route pattern, not the raw path, with the response status", async () => {
    const { hono, metrics } = app();
    await hono.request("/items/1");
    await hono.request("/items/2");
    await hono.request("/items/gone");
    const text = metrics.render();
    expect(text).toContain('gateway_http_requests_total{route="/items/:id",method="GET",status="200"} 2');
    expect(text).toContain('gateway_http_requests_total{route="/items/:id",method="GET",status="404"} 1');
    expect(text).not.toContain("/items/1");
  });

  it("records and logs a request whose handler threw, under the status the error handler chose", async () => {
    const { hono, lines, metrics } = app();
    const res = await hono.request("/boom", { headers: { "x-request-id": "r-1" } });
    expect(res.status).toBe(500);
    expect(res.headers.get("x-request-id")).toBe("r-1");
    expect(metrics.render()).toContain('route="/boom",method="GET",status="500"} 1');
    const line = JSON.parse(lines[0]);
    expect(line).toMatchObject({
      msg: "request",
      method: "GET",
      route: "/boom",
      status: 500,
      requestId: "r-1",
    });
    expect(line.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("logs one line per request with no query string, body or header in it", async () => {
    const { hono, lines } = app();
    await hono.request("/items/7?secret=s3cr3t", { headers: { authorization: "Bearer k3y" } });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/s3cr3t|k3y|\/items\/7/);
    expect(JSON.parse(lines[0])).toMatchObject({ route: "/items/:id", status: 200 });
  });

  it("records through the runtime's defer hook, after the response is built", async () => {
    const lines: string[] = [];
    const metrics = createMetrics();
    const deferred: (() => void)[] = [];
    const hono = new Hono()
      .use(
        observe({
          logger: createJsonLogger("info", (l) => lines.push(l)),
          metrics,
          defer: (task) => deferred.push(task),
        }),
      )
      .get("/items/:id", (c) => c.text("ok"));
    const res = await hono.request("/items/3");
    expect([res.status, lines.length, deferred.length]).toEqual([200, 0, 1]);
    expect(metrics.render()).not.toContain('route="/items/:id"');
    for (const task of deferred) task();
    expect(JSON.parse(lines[0])).toMatchObject({ route: "/items/:id", status: 200 });
    expect(metrics.render()).toContain(
      'gateway_http_requests_total{route="/items/:id",method="GET",status="200"} 1',
    );
  });

  it("logs the upstream calls as they stood at the answer, not later ones a deferred task could see", async () => {
    const lines: string[] = [];
    const deferred: (() => void)[] = [];
    let late: Request | undefined;
    const hono = new Hono()
      .use(
        observe({
          logger: createJsonLogger("info", (l) => lines.push(l)),
          metrics: createMetrics(),
          defer: (task) => deferred.push(task),
        }),
      )
      .get("/stream", (c) => {
        recordUpstream(c.req.raw, "OK", 2);
        late = c.req.raw;
        return c.text("streaming");
      });
    expect((await hono.request("/stream")).status).toBe(200);
    recordUpstream(late!, "UNAVAILABLE", 5);
    for (const task of deferred) task();
    expect(JSON.parse(lines[0])).toMatchObject({ grpcCode: "OK", upstreamMs: 2 });
  });
});
