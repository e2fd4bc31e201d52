import { describe, expect, it } from "vitest";
import { createAfterIo } from "./after-io.js";

describe("after-I/O tasks", () => {
  it("run after the current callbacks, in order, one setImmediate for a batch", async () => {
    const ran: string[] = [];
    const defer = createAfterIo(() => {});
    defer(() => ran.push("a"));
    defer(() => ran.push("b"));
    ran.push("now");
    await Promise.resolve();
    expect(ran).toEqual(["now"]);
    await new Promise((r) => setImmediate(r));
    expect(ran).toEqual(["now", "a", "b"]);
  });

  it("report a task that throws and still run the rest", async () => {
    const errors: unknown[] = [];
    const ran: string[] = [];
    const defer = createAfterIo((e) => errors.push(e));
    defer(() => {
      throw new Error("bad task");
    });
    defer(() => ran.push("next"));
    await new Promise((r) => setImmediate(r));
    expect(ran).toEqual(["next"]);
    expect(String(errors[0])).toContain("bad task");
  });
});
