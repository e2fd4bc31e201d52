import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { ApiError } from "../../errors/api-error.js";
import { renderProblem } from "../../errors/render-problem.js";
import { bodyLimit } from "./index.js";

function app() {
  const a = new Hono();
  a.use(bodyLimit(10, (p) => p.endsWith("/import")));
  a.delete("/v1/x", (c) => c.text("gone"));
  a.post("/v1/import", (c) => c.text("streamed"));
  a.onError((e) => renderProblem(e as ApiError));
  return a;
}

describe("body limit", () => {
  it("answers 413 problem for a declared body over the limit on any route, before it runs", async () => {
    const res = await app().request("/v1/x", {
      method: "DELETE",
      body: "x".repeat(11),
      headers: { "content-length": "11" },
    });
    expect(res.status).toBe(413);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });

  it("lets a body within the limit and a streaming upload through", async () => {
    expect((await app().request("/v1/x", { method: "DELETE", body: "x".repeat(10) })).status).toBe(200);
    expect((await app().request("/v1/import", { method: "POST", body: "x".repeat(100) })).status).toBe(200);
  });
});
