import { describe, expect, it } from "vitest";
import { runRouteFuzz } from "./fuzz/route-fuzz.js";

/** The short, seeded run for every `npm test`; `npm run fuzz` runs the long one (FUZZ_RUNS, FUZZ_SEED). */
describe("fuzzing every route", () => {
  it("never answers 5xx, and every 4xx is a problem naming the bad field", async () => {
    const report = await runRouteFuzz({ runs: 500, seed: 7, timeLimitMs: 12_000 });
    expect(report.runs).toBeGreaterThanOrEqual(100);
    // The run reached both sides: accepted requests and refused ones.
    expect(Object.keys(report.statuses).some((s) => Number(s) < 300)).toBe(true);
    expect(Object.keys(report.statuses).some((s) => Number(s) >= 400)).toBe(true);
  }, 30_000);
});
