import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { ApiError } from "../../errors/api-error.js";
import { renderProblem } from "../../errors/render-problem.js";
import { setPrincipal } from "../auth/index.js";
import { rateLimit } from "./index.js";

function app(rps: number, burst: number, clock: { t: number }) {
  const a = new Hono();
  a.use(async (c, next) => {
    const name = c.req.header("x-who");
    if (name) setPrincipal(c.req.raw, { name, collections: ["*"], actions: ["read"], tenants: ["*"] });
    return next();
  });
  a.use(rateLimit({ rps, burst }, () => clock.t));
  a.get("/v1/x", (c) => c.text("ok"));
  a.get("/healthz", (c) => c.text("ok"));
  a.onError((e) => renderProblem(e as ApiError));
  return a;
}

describe("rate limit", () => {
  it("allows a burst, then answers 429 problem with Retry-After, then refills", async () => {
    const clock = { t: 0 };
    const a = app(2, 3, clock);
    const get = () => a.request("/v1/x", { headers: { "x-who": "app" } });
    for (let i = 0; i < 3; i++) expect((await get()).status).toBe(200);
    const limited = await get();
    expect(limited.status).toBe(429);
    expect(limited.headers.get("content-type")).toBe("application/problem+json");
    expect(limited.headers.get("retry-after")).toBe("1");
    clock.t += 500;
    expect((await get()).status).toBe(200);
    expect((await get()).status).toBe(429);
  });

  it("keeps a bucket per key: one busy key does not limit another", async () => {
    const a = app(1, 1, { t: 0 });
    expect((await a.request("/v1/x", { headers: { "x-who": "a" } })).status).toBe(200);
    expect((await a.request("/v1/x", { headers: { "x-who": "a" } })).status).toBe(429);
    expect((await a.request("/v1/x", { headers: { "x-who": "b" } })).status).toBe(200);
  });

  it("never limits the health probe, and is off at 0", async () => {
    const a = app(1, 1, { t: 0 });
    for (let i = 0; i < 3; i++) expect((await a.request("/healthz")).status).toBe(200);
    const off = app(0, 0, { t: 0 });
    for (let i = 0; i < 5; i++) expect((await off.request("/v1/x")).status).toBe(200);
  });

  it("says how long to wait when the rate is below one per second", async () => {
    const a = app(0.1, 1, { t: 0 });
    await a.request("/v1/x", { headers: { "x-who": "a" } });
    const res = await a.request("/v1/x", { headers: { "x-who": "a" } });
    expect(res.headers.get("retry-after")).toBe("10");
  });

  it("keys keyless callers by the address the platform reports (Lambda's event), never by address headers", async () => {
    const a = app(1, 1, { t: 0 });
    const lambda = (sourceIp: string, spoofed: string) =>
      a.request(
        "/v1/x",
        { headers: { "cf-connecting-ip": spoofed, "x-forwarded-for": spoofed } },
        { event: { requestContext: { http: { sourceIp } } } },
      );
    expect((await lambda("198.51.100.7", "203.0.113.1")).status).toBe(200);
    expect((await lambda("198.51.100.7", "203.0.113.2")).status).toBe(429);
    expect((await lambda("198.51.100.8", "203.0.113.2")).status).toBe(200);
  });

  it("outside Cloudflare Workers, ignores CF-Connecting-IP (a client could set it)", async () => {
    const a = app(1, 1, { t: 0 });
    const from = (ip: string) => a.request("/v1/x", { headers: { "cf-connecting-ip": ip } });
    expect((await from("203.0.113.1")).status).toBe(200);
    expect((await from("203.0.113.2")).status).toBe(429);
  });
});
