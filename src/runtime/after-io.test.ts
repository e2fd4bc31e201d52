import { describe, expect, it } from "vitest";
import { AFTER_IO_MS, createAfterIo } from "./after-io.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("after-I/O tasks", () => {
  it("run after the current callbacks, in order, in one pass within AFTER_IO_MS", async () => {
    const ran: string[] = [];
    const { defer } = createAfterIo(() => {});
    defer(() => ran.push("a"));
    defer(() => ran.push("b"));
    ran.push("now");
    await new Promise((r) => setImmediate(r));
    expect(ran).toEqual(["now"]);
    await sleep(AFTER_IO_MS + 20);
    expect(ran).toEqual(["now", "a", "b"]);
    defer(() => ran.push("c"));
    await sleep(AFTER_IO_MS + 20);
    expect(ran).toEqual(["now", "a", "b", "c"]);
  });

  it("run everything queued at once on flush, and not again when the timer fires", async () => {
    const ran: string[] = [];
    const { defer, flush } = createAfterIo(() => {});
    defer(() => ran.push("a"));
    defer(() => ran.push("b"));
    flush();
    expect(ran).toEqual(["a", "b"]);
    await sleep(AFTER_IO_MS + 20);
    expect(ran).toEqual(["a", "b"]);
    defer(() => ran.push("c"));
    await sleep(AFTER_IO_MS + 20);
    expect(ran).toEqual(["a", "b", "c"]);
  });

  it("report a task that throws and still run the rest", async () => {
    const errors: unknown[] = [];
    const ran: string[] = [];
    const { defer } = createAfterIo((e) => errors.push(e));
    defer(() => {
      throw new Error("bad task");
    });
    defer(() => ran.push("next"));
    await sleep(AFTER_IO_MS + 20);
    expect(ran).toEqual(["next"]);
    expect(String(errors[0])).toContain("bad task");
  });
});
