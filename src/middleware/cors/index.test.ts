import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { corsPolicy } from "./index.js";

function app(origins: string[]) {
  const a = new Hono();
  a.use(corsPolicy(origins));
  a.post("/v1/x", (c) => c.json({}));
  return a;
}
const preflight = (origin: string) => ({
  method: "OPTIONS",
  headers: {
    origin,
    "access-control-request-method": "POST",
    "access-control-request-headers": "content-type,x-api-key",
  },
});

describe("CORS", () => {
  it("is off by default: no CORS headers, preflights not answered", async () => {
    const a = app([]);
    const res = await a.request("/v1/x", { method: "POST", headers: { origin: "https://app.example" } });
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    expect((await a.request("/v1/x", preflight("https://app.example"))).status).toBe(404);
  });

  it("answers a preflight from an allowed origin and exposes the request id", async () => {
    const a = app(["https://app.example"]);
    const res = await a.request("/v1/x", preflight("https://app.example"));
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("https://app.example");
    expect(res.headers.get("access-control-allow-methods")).toContain("POST");
    expect(res.headers.get("access-control-allow-headers")).toContain("x-api-key");
    const post = await a.request("/v1/x", { method: "POST", headers: { origin: "https://app.example" } });
    expect(post.headers.get("access-control-expose-headers")).toContain("x-request-id");
  });

  it("gives an origin not on the list no Access-Control-Allow-Origin", async () => {
    const a = app(["https://app.example"]);
    const res = await a.request("/v1/x", preflight("https://evil.example"));
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });
});
