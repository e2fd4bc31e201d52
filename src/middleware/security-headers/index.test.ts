import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { securityHeaders } from "./index.js";

function app(hstsMaxAgeS = 0) {
  const a = new Hono();
  a.use(securityHeaders({ hstsMaxAgeS }));
  a.get("/json", (c) => c.json({}));
  a.get("/page", (c) =>
    c.html("<script src=/x.js></script>", 200, { "content-security-policy": "script-src 'self'" }),
  );
  a.get("/cached", (c) => c.json({}, 200, { "cache-control": "max-age=60" }));
  return a;
}

describe("security headers", () => {
  it("mark API answers not sniffable, not frameable, not cacheable, with a CSP allowing nothing", async () => {
    const h = (await app().request("/json")).headers;
    expect(h.get("x-content-type-options")).toBe("nosniff");
    expect(h.get("x-frame-options")).toBe("DENY");
    expect(h.get("referrer-policy")).toBe("no-referrer");
    expect(h.get("cache-control")).toBe("no-store");
    expect(h.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(h.get("strict-transport-security")).toBeNull();
  });

  it("leave an HTML page its own CSP so it can load its script", async () => {
    const h = (await app().request("/page")).headers;
    expect(h.get("content-security-policy")).toBe("script-src 'self'");
    expect(h.get("x-frame-options")).toBe("DENY");
  });

  it("keep a route's own caching and add HSTS when configured", async () => {
    const h = (await app(31536000).request("/cached")).headers;
    expect(h.get("cache-control")).toBe("max-age=60");
    expect(h.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
  });
});
