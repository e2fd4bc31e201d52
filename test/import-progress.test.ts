import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GatewayConfig } from "../src/config.js";
import { type GatewayHarness, startGatewayHarness } from "./support/gateway-harness.js";

let gw: GatewayHarness;
beforeAll(async () => {
  gw = await startGatewayHarness({
    batch: {
      chunkObjects: 5,
      concurrency: 1,
      retries: 0,
      retryBaseMs: 1,
      maxLineBytes: 10_000,
      importFlushMs: 50,
    },
  } as unknown as Partial<GatewayConfig>);
});
afterAll(() => gw.close());

async function importLines(count: number, query: string) {
  const body = `${Array.from({ length: count }, (_, n) => JSON.stringify({ properties: { n } })).join("\n")}\n{bad\n`;
  const res = await gw.fetch(`/v1/collections/Article/objects/import${query}`, {
    method: "POST",
    headers: { "content-type": "application/x-ndjson" },
    body,
  });
  expect(res.status).toBe(200);
  return (await res.text())
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
}

describe("NDJSON import with ?progress=1", () => {
  it("adds progress lines every N objects without changing the one-result-line-per-input contract", async () => {
    const lines = await importLines(20, "?progress=1&progressEvery=5");
    const results = lines.filter((l) => "line" in l);
    const progress = lines.filter((l) => "progress" in l).map((l) => l.progress);
    expect(results).toHaveLength(21);
    expect(results.map((r) => r.line).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 21 }, (_, i) => i + 1),
    );
    expect(progress.map((p) => p.objects)).toEqual([5, 10, 15, 20]);
    for (const p of progress) {
      expect(p.succeeded + p.failed).toBe(p.objects);
      expect(p.objectsPerSecond).toBeGreaterThanOrEqual(0);
    }
    expect(lines.at(-1).summary).toMatchObject({ total: 21, succeeded: 20, failed: 1 });
  });

  it("writes no progress lines unless asked", async () => {
    const lines = await importLines(12, "?progressEvery=5");
    expect(lines.filter((l) => "progress" in l)).toEqual([]);
    expect(lines).toHaveLength(14);
  });

  it("refuses a progressEvery that is not a positive integer with 400", async () => {
    const res = await gw.fetch("/v1/collections/Article/objects/import?progress=1&progressEvery=0", {
      method: "POST",
      headers: { "content-type": "application/x-ndjson" },
      body: "{}\n",
    });
    expect(res.status).toBe(400);
  });
});
