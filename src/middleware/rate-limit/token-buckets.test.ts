import { describe, expect, it } from "vitest";
import { createTokenBuckets, MAX_BUCKETS } from "./token-buckets.js";

describe("token buckets", () => {
  it("give a token back on refund, never above the burst", () => {
    const b = createTokenBuckets({ rps: 1, burst: 2, now: () => 0 });
    expect([b.take("a"), b.take("a"), b.take("a") > 0]).toEqual([0, 0, true]);
    b.refund("a");
    expect([b.peek("a"), b.take("a"), b.take("a") > 0]).toEqual([0, 0, true]);
    b.refund("a");
    b.refund("a");
    b.refund("a");
    expect([b.take("a"), b.take("a"), b.take("a") > 0]).toEqual([0, 0, true]);
  });

  it("keep at most MAX_BUCKETS, dropping the oldest, however many clients spend tokens", () => {
    const b = createTokenBuckets({ rps: 0.001, burst: 1, now: () => 0 });
    for (let i = 0; i <= MAX_BUCKETS; i++) b.take(`client-${i}`);
    // The newest bucket is still spent; the oldest was dropped, so that client starts afresh.
    expect(b.peek(`client-${MAX_BUCKETS}`)).toBeGreaterThan(0);
    expect(b.peek("client-1")).toBeGreaterThan(0);
    expect(b.peek("client-0")).toBe(0);
  });
});
