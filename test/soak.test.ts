import { describe, expect, it } from "vitest";
import { runSoak } from "./soak/run-soak.js";

/** A few seconds of the soak (`npm run soak` runs a minute): no errors beyond the injected, fds stable. */
describe("a short soak on loopback", () => {
  it("answers every request, the injected upstream failures as 503, without leaking descriptors", async () => {
    const report = await runSoak({ durationMs: 3000, concurrency: 16, injectEvery: 25 });
    expect(report.unexpectedSamples).toEqual([]);
    expect(report.unexpected).toBe(0);
    expect(report.requests).toBeGreaterThan(300);
    expect(report.injected).toBeGreaterThan(0);
    expect(report.injectedAnswered).toBe(report.injected);
    // Every socket the run opened is closed again once the server, channel and upstream are.
    expect(report.fdsAfterClose - report.fdsBeforeStart).toBeLessThanOrEqual(2);
  }, 20_000);
});
