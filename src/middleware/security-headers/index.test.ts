import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { jsonAnswer } from "../../http/json-answer.js";
import { silentLogger } from "../../logger.js";
import { createMetrics } from "../../metrics/create-metrics.js";
import { observe } from "../observe/index.js";

// The headers are applied by the observe layer: built into JSON answers (jsonAnswer), added to the rest.
function app(hstsMaxAgeS = 0) {
  const a = new Hono();
  a.use(observe({ logger: silentLogger, metrics: createMetrics(), security: { hstsMaxAgeS } }));
  a.get("/answer", (c) => jsonAnswer(c, { ok: true }));
  a.get("/json", (c) => c.json({}));
  a.get("/page", (c) =>
    c.html("<script src=/x.js></script>", 200, { "content-security-policy": "script-src 'self'" }),
  );
  a.get("/cached", (c) => c.json({}, 200, { "cache-control": "max-age=60" }));
  return a;
}

const API_HEADERS = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
};

describe("security headers", () => {
  it("mark API answers not sniffable, not frameable, not cacheable, with a CSP allowing nothing", async () => {
    for (const path of ["/answer", "/json"]) {
      const h = (await app().request(path)).headers;
      for (const [name, value] of Object.entries(API_HEADERS))
        expect([path, h.get(name)]).toEqual([path, value]);
      expect(h.get("strict-transport-security")).toBeNull();
      expect(h.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it("build a JSON answer with its content type, the security headers and the request id", async () => {
    const res = await app(600).request("/answer", { headers: { "x-request-id": "req-7" } });
    expect(await res.json()).toEqual({ ok: true });
    expect(Object.fromEntries(res.headers)).toEqual({
      ...API_HEADERS,
      "content-type": "application/json",
      "strict-transport-security": "max-age=600; includeSubDomains",
      "x-request-id": "req-7",
    });
  });

  it("leave an HTML page its own CSP so it can load its script", async () => {
    const h = (await app().request("/page")).headers;
    expect(h.get("content-security-policy")).toBe("script-src 'self'");
    expect(h.get("cache-control")).toBeNull();
    expect(h.get("x-frame-options")).toBe("DENY");
  });

  it("keep a route's own caching and add HSTS when configured", async () => {
    const h = (await app(31536000).request("/cached")).headers;
    expect(h.get("cache-control")).toBe("max-age=60");
    expect(h.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
  });
});
