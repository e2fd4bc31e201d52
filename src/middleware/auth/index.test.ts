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

describe("auth middleware: failed attempts per client address", () => {
  const env = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });
  const other: ApiKeySpec = {
    name: "other",
    key: "other-key-0123456789",
    collections: ["*"],
    actions: ["read"],
    tenants: ["*"],
  };

  function limited(failuresPerMinute?: number) {
    let now = 1_000_000;
    const a = new Hono();
    a.use(auth({ mode: "keys", keys: [...keys, other], failuresPerMinute }, () => now));
    a.get("/v1/x", (c) => c.json({ who: principalOf(c.req.raw)?.name ?? null }));
    a.onError((e) => renderProblem(e as ApiError));
    const send = (address: string | undefined, key?: string) =>
      a.request("/v1/x", key ? { headers: { "x-api-key": key } } : {}, address ? env(address) : undefined);
    return { send, advance: (ms: number) => (now += ms) };
  }

  it("answers 429 to a client past its wrong keys, without checking more, until one is earned back", async () => {
    const { send, advance } = limited(10);
    // A good key that verified before the guessing started keeps working from the same address.
    expect((await send("10.0.0.1", KEY)).status).toBe(200);
    for (let i = 0; i < 10; i++) expect((await send("10.0.0.1", `guess-${i}-0123456789`)).status).toBe(401);
    const refused = await send("10.0.0.1", "guess-10-0123456789");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("6");
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(await refused.json()).toMatchObject({ status: 429, title: "Too many failed authentications" });
    // Even a valid key is not checked while the address is limited, unless it is already known good.
    expect((await send("10.0.0.1", other.key)).status).toBe(429);
    expect(await (await send("10.0.0.1", KEY)).json()).toEqual({ who: "app" });
    // Other addresses are not affected; requests without any key are plain 401s and cost nothing.
    expect((await send("10.0.0.2", "guess-x-0123456789")).status).toBe(401);
    expect((await send("10.0.0.1")).status).toBe(401);
    // One attempt comes back every 6 s (10 per minute); only a wrong key spends it.
    advance(6000);
    expect((await send("10.0.0.1", other.key)).status).toBe(200);
    expect((await send("10.0.0.1", "guess-11-0123456789")).status).toBe(401);
    expect((await send("10.0.0.1", "guess-12-0123456789")).status).toBe(429);
    advance(5000);
    expect((await send("10.0.0.1", "guess-13-0123456789")).status).toBe(429);
    advance(1100);
    expect((await send("10.0.0.1", "guess-14-0123456789")).status).toBe(401);
  });

  it("refuses a limited address a valid key only others have used: no 200 tells a guesser it is right", async () => {
    const { send } = limited(3);
    expect((await send("10.0.1.1", other.key)).status).toBe(200);
    for (let i = 0; i < 3; i++) await send("10.0.1.2", `guess-${i}-0123456789`);
    expect((await send("10.0.1.2", other.key)).status).toBe(429);
    expect((await send("10.0.1.1", other.key)).status).toBe(200);
  });

  it("counts guesses sent all at once (each spends its attempt before its key is checked)", async () => {
    const { send } = limited(10);
    const statuses = (
      await Promise.all(Array.from({ length: 50 }, (_, i) => send("10.0.2.1", `guess-${i}-0123456789`)))
    ).map((r) => r.status);
    expect([statuses.filter((s) => s === 401).length, statuses.filter((s) => s === 429).length]).toEqual([
      10, 40,
    ]);
    // Valid keys sent at once give their attempts back.
    const fresh = limited(2);
    const ok = await Promise.all(Array.from({ length: 2 }, () => fresh.send("10.0.2.2", KEY)));
    expect(ok.map((r) => r.status)).toEqual([200, 200]);
    expect((await fresh.send("10.0.2.2", "guess-0123456789")).status).toBe(401);
  });

  it("counts an IPv6 client by its /64, an IPv4-mapped address as IPv4, and unknown addresses together", async () => {
    const { send } = limited(2);
    await send("2001:db8:1:2::1", "guess-a-0123456789");
    await send("2001:db8:1:2:ffff::9", "guess-b-0123456789");
    expect((await send("2001:0db8:0001:0002:0:0:0:77", "guess-c-0123456789")).status).toBe(429);
    expect((await send("2001:db8:1:3::1", "guess-d-0123456789")).status).toBe(401);
    await send("10.0.3.1", "guess-e-0123456789");
    await send("::ffff:10.0.3.1", "guess-f-0123456789");
    expect((await send("10.0.3.1", "guess-g-0123456789")).status).toBe(429);
    await send(undefined, "guess-h-0123456789");
    await send(undefined, "guess-i-0123456789");
    expect((await send(undefined, "guess-j-0123456789")).status).toBe(429);
  });

  it("defaults to 10 a minute, and 0 turns the limit off", async () => {
    const byDefault = limited();
    for (let i = 0; i < 10; i++) await byDefault.send("10.0.0.3", `guess-${i}-0123456789`);
    expect((await byDefault.send("10.0.0.3", "guess-x-0123456789")).status).toBe(429);
    const off = limited(0);
    for (let i = 0; i < 50; i++)
      expect((await off.send("10.0.0.4", `guess-${i}-0123456789`)).status).toBe(401);
  });
});
