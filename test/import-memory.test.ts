import { describe, expect, it } from "vitest";
import { runImport } from "../scripts/import-memory.js";

/**
 * A smaller version of scripts/import-memory.ts (1 GB, run by hand). The live heap (measured after full
 * GCs during the import) must stay far below the body's size: a gateway that held the body, its lines,
 * its objects or its results would keep at least the 64 MB it was sent.
 */
describe("NDJSON import memory", () => {
  it("keeps the live heap flat while a 64 MB body streams through", async () => {
    const run = await runImport(64);
    expect(run.summary).toMatchObject({ total: run.lines, succeeded: run.lines, failed: 0 });
    expect(run.results).toBe(run.lines);
    expect(run.upstreamCalls).toBeGreaterThan(run.lines / 1000);
    expect(run.peakLiveHeapMb - run.baselineLiveHeapMb).toBeLessThan(24);
  }, 60_000);
});
