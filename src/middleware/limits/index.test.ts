import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { ApiError } from "../../errors/api-error.js";
import { renderProblem } from "../../errors/render-problem.js";
import { createDeadlineQueue } from "../../runtime/deadline-queue.js";
import { type DeadlineTimer, deadlineOf, limits } from "./index.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function app(deadlines?: DeadlineTimer) {
  const a = new Hono();
  a.use(limits({ maxBodyBytes: 10, timeoutMs: 100, streaming: (p) => p.endsWith("/import"), deadlines }));
  a.delete("/v1/x", (c) => c.text("gone"));
  a.post("/v1/import", async (c) => {
    await sleep(200);
    return c.json({ body: await c.req.text(), deadline: deadlineOf(c.req.raw) ?? null });
  });
  a.get("/slow", async (c) => {
    await sleep(400);
    return c.text("late");
  });
  a.get("/failing", async () => {
    await sleep(10);
    throw new Error("handler failed");
  });
  a.get("/fast", (c) => c.json({ deadline: deadlineOf(c.req.raw) ?? null }));
  a.get("/sleep/:ms", async (c) => {
    await sleep(Number(c.req.param("ms")));
    return c.text("done");
  });
  a.onError((e) =>
    e instanceof Error && e.message === "handler failed"
      ? new Response("failed", { status: 500 })
      : renderProblem(e as ApiError),
  );
  return a;
}

describe("limits: body size", () => {
  it("answers 413 problem for a declared body over the limit on any route, before it runs", async () => {
    const res = await app().request("/v1/x", {
      method: "DELETE",
      body: "x".repeat(11),
      headers: { "content-length": "11" },
    });
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });

  it("lets a body within the limit through", async () => {
    expect((await app().request("/v1/x", { method: "DELETE", body: "x".repeat(10) })).status).toBe(200);
  });
});

describe("limits: request deadline", () => {
  it("answers 504 problem at the deadline instead of waiting for a slow handler", async () => {
    const started = Date.now();
    const res = await app().request("/slow");
    expect(res.status).toBe(504);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(Date.now() - started).toBeLessThan(350);
  });

  it.each([
    ["a timer per request", undefined],
    ["the shared deadline queue", createDeadlineQueue()],
  ])(
    "gives overlapping requests each their own deadline (%s), early answers untouched",
    async (_, deadlines) => {
      const a = app(deadlines);
      const timed = async (path: string, after: number) => {
        await sleep(after);
        const started = Date.now();
        const res = await a.request(path);
        return { status: res.status, ms: Date.now() - started };
      };
      const [first, slow, quick, late] = await Promise.all([
        timed("/sleep/10", 0),
        timed("/sleep/400", 40),
        timed("/sleep/20", 60),
        timed("/sleep/400", 120),
      ]);
      expect([first.status, quick.status]).toEqual([200, 200]);
      for (const r of [slow, late]) {
        expect(r.status).toBe(504);
        expect(r.ms).toBeGreaterThanOrEqual(95);
        expect(r.ms).toBeLessThan(300);
      }
    },
  );

  it("passes a handler's own failure through before the deadline", async () => {
    const res = await app().request("/failing");
    expect([res.status, await res.text()]).toEqual([500, "failed"]);
  });

  it("publishes the deadline for upstream calls to fit in", async () => {
    const before = Date.now();
    const { deadline } = await (await app().request("/fast")).json();
    expect(deadline).toBeGreaterThanOrEqual(before + 100);
    expect(deadline).toBeLessThanOrEqual(Date.now() + 100);
  });
});

describe("limits: streaming uploads", () => {
  it("exempts them from the declared size and from the deadline", async () => {
    const res = await app().request("/v1/import", { method: "POST", body: "x".repeat(100) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ body: "x".repeat(100), deadline: null });
  });
});
