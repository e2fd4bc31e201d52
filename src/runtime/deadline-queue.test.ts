import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createDeadlineQueue } from "./deadline-queue.js";

describe("deadline queue (one timer for every request's deadline)", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("expires each request at its own deadline, skipping those that finished", () => {
    const q = createDeadlineQueue();
    const expired: string[] = [];
    const a = q.add(100, () => expired.push("a"));
    q.add(150, () => expired.push("b"));
    const c = q.add(200, () => expired.push("c"));
    vi.advanceTimersByTime(50);
    q.remove(a);
    vi.advanceTimersByTime(99); // t = 149
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(1); // t = 150
    expect(expired).toEqual(["b"]);
    q.remove(c);
    vi.advanceTimersByTime(1000);
    expect(expired).toEqual(["b"]);
  });

  it("keeps time for requests added after the one its timer was set for", () => {
    const q = createDeadlineQueue();
    const expired: number[] = [];
    const first = q.add(100, () => expired.push(100));
    q.remove(first);
    vi.advanceTimersByTime(10);
    q.add(110, () => expired.push(110));
    q.add(130, () => expired.push(130));
    vi.advanceTimersByTime(99); // t = 109
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(1); // t = 110
    expect(expired).toEqual([110]);
    vi.advanceTimersByTime(20); // t = 130
    expect(expired).toEqual([110, 130]);
  });

  it("takes a request out once, whatever is asked twice", () => {
    const q = createDeadlineQueue();
    const expired: string[] = [];
    const a = q.add(10, () => expired.push("a"));
    const b = q.add(20, () => expired.push("b"));
    q.remove(a);
    q.remove(a);
    vi.advanceTimersByTime(20);
    q.remove(b);
    q.add(40, () => expired.push("c"));
    vi.advanceTimersByTime(20);
    expect(expired).toEqual(["b", "c"]);
  });
});
