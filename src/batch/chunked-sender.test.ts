import { describe, expect, it } from "vitest";
import { BatchObject, type BatchObjectsReply } from "../gen/v1/batch.js";
import { Code, GrpcError } from "../grpc/status.js";
import { createChunkedSender, type Outcome, prepareObject } from "./chunked-sender.js";
import { encodeBatchObject, objectFieldSize } from "./encoded-objects.js";

const obj = (i: number, text = "x"): BatchObject => ({
  uuid: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
  collection: "A",
  properties: { nonRefProperties: { text } },
});

function harness(opts: {
  chunkBytes?: number;
  chunkObjects?: number;
  concurrency?: number;
  maxMessageBytes?: number;
}) {
  /** The uuids of each chunk sent, read back from the bytes the sender was given. */
  const sent: string[][] = [];
  const outcomes: Outcome[] = [];
  let active = 0;
  let maxActive = 0;
  let reply: (uuids: string[]) => Promise<BatchObjectsReply> = async () => ({});
  const sender = createChunkedSender({
    chunkBytes: opts.chunkBytes ?? 1e9,
    chunkObjects: opts.chunkObjects ?? 1000,
    concurrency: opts.concurrency ?? 2,
    maxMessageBytes: opts.maxMessageBytes ?? 1e9,
    onOutcomes: (o) => outcomes.push(...o),
    async send(objects) {
      const uuids = objects.map((o) => BatchObject.decode(o.bytes).uuid ?? "");
      sent.push(uuids);
      active++;
      maxActive = Math.max(maxActive, active);
      try {
        await new Promise((r) => setTimeout(r, 5));
        return await reply(uuids);
      } finally {
        active--;
      }
    },
  });
  return {
    sender,
    sent,
    outcomes,
    maxActive: () => maxActive,
    setReply: (r: typeof reply) => {
      reply = r;
    },
  };
}

const add = async (h: ReturnType<typeof harness>, objects: BatchObject[]) => {
  for (const [i, object] of objects.entries()) await h.sender.add(prepareObject(i, object.uuid!, object));
  await h.sender.finish();
};

describe("createChunkedSender", () => {
  it("splits by object count and never exceeds the concurrency bound", async () => {
    const h = harness({ chunkObjects: 3, concurrency: 2 });
    await add(
      h,
      Array.from({ length: 10 }, (_, i) => obj(i)),
    );
    expect(h.sent.map((c) => c.length)).toEqual([3, 3, 3, 1]);
    expect(h.maxActive()).toBe(2);
    expect(h.outcomes.map((o) => o.key).sort((a, b) => a - b)).toEqual([...Array(10).keys()]);
  });

  it("splits by encoded size so no chunk passes the byte cap", async () => {
    const size = objectFieldSize(encodeBatchObject(obj(0, "y".repeat(100))));
    const h = harness({ chunkBytes: size * 3 + 2 });
    await add(
      h,
      Array.from({ length: 7 }, (_, i) => obj(i, "y".repeat(100))),
    );
    expect(h.sent.map((c) => c.length)).toEqual([3, 3, 1]);
  });

  it("maps BatchError indexes within a chunk back to the caller's keys", async () => {
    const h = harness({ chunkObjects: 2 });
    h.setReply(async (uuids) => (uuids[0].endsWith("2") ? { errors: [{ index: 1, error: "bad" }] } : {}));
    await add(
      h,
      Array.from({ length: 4 }, (_, i) => obj(i)),
    );
    expect(h.outcomes.filter((o) => o.error).map((o) => [o.key, o.error])).toEqual([[3, "bad"]]);
  });

  it("marks exactly the objects of a failed chunk failed, with its gRPC code", async () => {
    const h = harness({ chunkObjects: 2 });
    h.setReply(async (uuids) => {
      if (uuids[0].endsWith("2")) throw new GrpcError(Code.UNAVAILABLE, "down");
      return {};
    });
    await add(
      h,
      Array.from({ length: 6 }, (_, i) => obj(i)),
    );
    const failed = h.outcomes.filter((o) => o.error).map((o) => [o.key, o.grpcCode]);
    expect(failed).toEqual([
      [2, "UNAVAILABLE"],
      [3, "UNAVAILABLE"],
    ]);
  });

  it("fails an object over the gRPC message limit alone, without sending it", async () => {
    const h = harness({ maxMessageBytes: 300 });
    await add(h, [obj(0), obj(1, "z".repeat(400)), obj(2)]);
    expect(h.sent.flat().map((uuid) => uuid.slice(-1))).toEqual(["0", "2"]);
    const big = h.outcomes.find((o) => o.key === 1);
    expect(big?.error).toMatch(/over the gRPC message limit of 300 bytes/);
  });
});
