import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { ApiKeySpec } from "../../auth/api-keys.js";
import type { ApiError } from "../../errors/api-error.js";
import { renderProblem } from "../../errors/render-problem.js";
import { type AuthSettings, auth, principalOf } from "./index.js";

const KEY = "gateway-key-0123456789";
const keys: ApiKeySpec[] = [{ name: "app", key: KEY, collections: ["*"], actions: ["read"], tenants: ["*"] }];

function app(settings: AuthSettings) {
  const a = new Hono();
  a.use(auth(settings));
  a.get("/healthz", (c) => c.text("ok"));
  a.get("/v1/x", (c) => c.json({ who: principalOf(c.req.raw)?.name ?? null }));
  a.onError((e) => renderProblem(e as ApiError));
  return a;
}

describe("auth middleware", () => {
  const keyed = app({ mode: "keys", keys });

  it("answers 401 problem with WWW-Authenticate when no key is sent", async () => {
    const res = await keyed.request("/v1/x");
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.headers.get("www-authenticate")).toContain("Bearer");
  });

  it("answers 401 for a wrong key and for a non-Bearer Authorization", async () => {
    expect(
      (await keyed.request("/v1/x", { headers: { authorization: "Bearer nope-nope-nope-nope" } })).status,
    ).toBe(401);
    expect((await keyed.request("/v1/x", { headers: { authorization: `Basic ${KEY}` } })).status).toBe(401);
  });

  it("admits a key as a Bearer token or as X-API-Key and records who it is", async () => {
    const variants: Record<string, string>[] = [{ authorization: `Bearer ${KEY}` }, { "x-api-key": KEY }];
    for (const headers of variants) {
      const res = await keyed.request("/v1/x", { headers });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ who: "app" });
    }
  });

  it("leaves the health probe open", async () => {
    expect((await keyed.request("/healthz")).status).toBe(200);
  });

  it("in passthrough mode takes the key only from X-API-Key, leaving Authorization to Weaviate", async () => {
    const pass = app({ mode: "passthrough", keys });
    expect((await pass.request("/v1/x", { headers: { authorization: `Bearer ${KEY}` } })).status).toBe(401);
    expect((await pass.request("/v1/x", { headers: { "x-api-key": KEY } })).status).toBe(200);
  });

  it("asks for nothing in open mode and in passthrough mode without keys", async () => {
    expect((await app({ mode: "open", keys: [] }).request("/v1/x")).status).toBe(200);
    expect((await app({ mode: "passthrough", keys: [] }).request("/v1/x")).status).toBe(200);
  });
});
