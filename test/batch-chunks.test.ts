import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { BatchSettings } from "../src/batch/settings.js";
import type { GatewayConfig } from "../src/config.js";
import { Code } from "../src/grpc/status.js";
import { type GatewayHarness, startGatewayHarness } from "./support/gateway-harness.js";
import * as oracle from "./support/oracle.js";
import { delay, StatusError } from "./support/recording-upstream.js";

const withBatch = (batch: Partial<BatchSettings>, rest: Partial<GatewayConfig> = {}) =>
  ({ ...rest, batch }) as unknown as Partial<GatewayConfig>;

let gw: GatewayHarness;
beforeAll(async () => {
  gw = await startGatewayHarness(withBatch({ chunkObjects: 3, concurrency: 2, retries: 2, retryBaseMs: 1 }));
});
afterAll(() => gw.close());
beforeEach(() => gw.upstream.reset());

type Sent = { n: number; uuid: string };
const sentObjects = (): Sent[][] =>
  gw.upstream.callsTo("BatchObjects").map((call) =>
    oracle.BatchObjectsRequest.decode(call.bytes).objects.map((o) => ({
      n: o.properties!.nonRefProperties!.n as number,
      uuid: o.uuid,
    })),
  );

describe("a batch split into chunks", () => {
  it("answers one correct result per object when chunks fail in turn, never sending an object under two ids", async () => {
    // Chunks start at n = 0, 3, 6, 9. 0: UNAVAILABLE once; 3: DEADLINE_EXCEEDED twice; 6: always
    // UNAVAILABLE; 9: succeeds with a per-object error.
    const attempts = new Map<number, number>();
    gw.upstream.on(
      "BatchObjects",
      (req: { objects: { properties: { nonRefProperties: { n: number } } }[] }) => {
        const first = req.objects[0].properties.nonRefProperties.n;
        const attempt = (attempts.get(first) ?? 0) + 1;
        attempts.set(first, attempt);
        if (first === 0 && attempt === 1) throw new StatusError(Code.UNAVAILABLE, "connection reset");
        if (first === 3 && attempt <= 2) throw new StatusError(Code.DEADLINE_EXCEEDED, "too slow");
        if (first === 6) throw new StatusError(Code.UNAVAILABLE, "node down");
        if (first === 9) return { errors: [{ index: 0, error: "invalid n" }] };
        return {};
      },
    );
    const objects = Array.from({ length: 10 }, (_, n) => ({ properties: { n } }));
    const res = await gw.post("/v1/collections/Article/objects/batch", { objects });
    expect(res.status).toBe(200);
    const results = res.body.results as {
      index: number;
      id: string;
      status: string;
      error?: string;
      grpcCode?: string;
    }[];
    expect(results.map((r) => r.index)).toEqual([...Array(10).keys()]);
    expect(results.map((r) => r.status)).toEqual([
      ...Array(6).fill("success"),
      ...Array(3).fill("failed"),
      "failed",
    ]);
    for (const r of results.slice(6, 9)) {
      expect(r.grpcCode).toBe("UNAVAILABLE");
      expect(r.error).toContain("UNAVAILABLE");
    }
    expect(results[9]).toMatchObject({ error: "invalid n" });
    expect(results[9].grpcCode).toBeUndefined();
    expect(res.body).toMatchObject({ succeeded: 6, failed: 4 });
    expect(attempts).toEqual(
      new Map([
        [0, 2],
        [3, 3],
        [6, 3],
        [9, 1],
      ]),
    );

    // Every attempt carried the same id for the same object, and that id is the one answered.
    const idsByN = new Map<number, Set<string>>();
    for (const chunk of sentObjects())
      for (const { n, uuid } of chunk) idsByN.set(n, (idsByN.get(n) ?? new Set()).add(uuid));
    expect([...idsByN.keys()].sort((a, b) => a - b)).toEqual([...Array(10).keys()]);
    for (const [n, ids] of idsByN) expect([...ids]).toEqual([results[n].id]);
    expect(new Set(results.map((r) => r.id)).size).toBe(10);
  });

  it("keeps at most `concurrency` calls in flight", async () => {
    let active = 0;
    let peak = 0;
    gw.upstream.on("BatchObjects", async () => {
      peak = Math.max(peak, ++active);
      await delay(20);
      active--;
      return {};
    });
    const objects = Array.from({ length: 15 }, (_, n) => ({ properties: { n } }));
    const res = await gw.post("/v1/collections/Article/objects/batch", { objects });
    expect(res.body.succeeded).toBe(15);
    expect(sentObjects()).toHaveLength(5);
    expect(peak).toBe(2);
  });

  it("does not retry a status that resending cannot fix, and answers it as the request's problem", async () => {
    gw.upstream.on("BatchObjects", () => {
      throw new StatusError(Code.UNAUTHENTICATED, "bad key");
    });
    const res = await gw.post("/v1/collections/Article/objects/batch", {
      objects: [{ properties: { n: 1 } }],
    });
    expect(res.status).toBe(401);
    expect(res.body.grpcCode).toBe("UNAUTHENTICATED");
    expect(gw.upstream.callsTo("BatchObjects")).toHaveLength(1);
  });
});

describe("chunk sizes", () => {
  let small: GatewayHarness;
  beforeAll(async () => {
    small = await startGatewayHarness(
      withBatch({ chunkBytes: 4_000 }, { limits: { maxBodyBytes: 1_000_000, maxMessageBytes: 64_000 } }),
    );
  });
  afterAll(() => small.close());

  it("splits by encoded size, every call within the byte cap", async () => {
    const objects = Array.from({ length: 20 }, (_, n) => ({ properties: { n, text: "x".repeat(500) } }));
    const res = await small.post("/v1/collections/Article/objects/batch", { objects });
    expect(res.body.succeeded).toBe(20);
    const calls = small.upstream.callsTo("BatchObjects");
    expect(calls.length).toBeGreaterThanOrEqual(3);
    for (const call of calls) expect(call.bytes.byteLength).toBeLessThanOrEqual(4_000);
    const total = calls.reduce(
      (sum, c) => sum + oracle.BatchObjectsRequest.decode(c.bytes).objects.length,
      0,
    );
    expect(total).toBe(20);
  });

  it("fails an object over the gRPC message limit alone, with a clear error, and sends the rest", async () => {
    small.upstream.reset();
    const big = { properties: { n: 1 }, vector: Array.from({ length: 20_000 }, () => 0.5) };
    const res = await small.post("/v1/collections/Article/objects/batch", {
      objects: [{ properties: { n: 0 } }, big, { properties: { n: 2 } }],
    });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual([
      "success",
      "failed",
      "success",
    ]);
    expect(res.body.results[1].error).toMatch(/over the gRPC message limit of 64000 bytes/);
    const sentNs = small.upstream
      .callsTo("BatchObjects")
      .flatMap((c) =>
        oracle.BatchObjectsRequest.decode(c.bytes).objects.map((o) => o.properties!.nonRefProperties!.n),
      );
    expect(sentNs.sort()).toEqual([0, 2]);
  });

  it("refuses a JSON batch over MAX_BODY_BYTES with 413, before any gRPC call", async () => {
    small.upstream.reset();
    const res = await small.post("/v1/collections/Article/objects/batch", {
      objects: [{ properties: { text: "x".repeat(1_100_000) } }],
    });
    expect(res.status).toBe(413);
    expect(small.upstream.calls).toHaveLength(0);
  });

  it("applies no body limit to the streamed NDJSON import", async () => {
    small.upstream.reset();
    const line = `${JSON.stringify({ properties: { text: "x".repeat(1_000) } })}\n`;
    const res = await small.fetch("/v1/collections/Article/objects/import", {
      method: "POST",
      headers: { "content-type": "application/x-ndjson" },
      body: line.repeat(2_000), // ~2 MB, twice the body limit
    });
    expect(res.status).toBe(200);
    const last = JSON.parse((await res.text()).trim().split("\n").at(-1)!);
    expect(last.summary).toMatchObject({ total: 2_000, succeeded: 2_000 });
  });

  it("sends an object bigger than the chunk cap but within the gRPC limit in a call of its own", async () => {
    small.upstream.reset();
    const res = await small.post("/v1/collections/Article/objects/batch", {
      objects: [{ properties: { n: 0 } }, { properties: { n: 1, text: "y".repeat(10_000) } }],
    });
    expect(res.body.succeeded).toBe(2);
    expect(
      small.upstream
        .callsTo("BatchObjects")
        .map((c) => oracle.BatchObjectsRequest.decode(c.bytes).objects.length),
    ).toEqual([1, 1]);
  });
});
