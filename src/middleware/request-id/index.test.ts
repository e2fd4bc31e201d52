import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { requestId, requestIdOf } from "./index.js";

function app() {
  return new Hono().use(requestId()).get("/", (c) => c.text(requestIdOf(c.req.raw) ?? "none"));
}

describe("request id", () => {
  it("keeps a well-formed caller id and echoes it", async () => {
    const res = await app().request("/", { headers: { "x-request-id": "abc-123" } });
    expect(res.headers.get("x-request-id")).toBe("abc-123");
    expect(await res.text()).toBe("abc-123");
  });

  it("generates a UUID when the caller sends none or a malformed one", async () => {
    for (const headers of [{}, { "x-request-id": "bad id\twith spaces" }] as Record<string, string>[]) {
      const res = await app().request("/", { headers });
      const id = res.headers.get("x-request-id");
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(await res.text()).toBe(id);
    }
  });
});
