import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { ApiError } from "../../errors/api-error.js";
import { renderProblem } from "../../errors/render-problem.js";
import { deadlineOf, requestTimeout } from "./index.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function app() {
  const a = new Hono();
  a.use(requestTimeout({ ms: 100, skip: (p) => p.endsWith("/stream") }));
  a.get("/slow", async (c) => {
    await sleep(400);
    return c.text("late");
  });
  a.get("/fast", (c) => c.json({ deadline: deadlineOf(c.req.raw) ?? null }));
  a.get("/x/stream", async (c) => {
    await sleep(200);
    return c.json({ deadline: deadlineOf(c.req.raw) ?? null });
  });
  a.onError((e) => renderProblem(e as ApiError));
  return a;
}

describe("request timeout", () => {
  it("answers 504 problem at the deadline instead of waiting for a slow handler", async () => {
    const started = Date.now();
    const res = await app().request("/slow");
    expect(res.status).toBe(504);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(Date.now() - started).toBeLessThan(350);
  });

  it("publishes the deadline for upstream calls to fit in", async () => {
    const before = Date.now();
    const { deadline } = await (await app().request("/fast")).json();
    expect(deadline).toBeGreaterThanOrEqual(before + 100);
    expect(deadline).toBeLessThanOrEqual(Date.now() + 100);
  });

  it("leaves streaming routes without a deadline", async () => {
    const res = await app().request("/x/stream");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ deadline: null });
  });
});
