import type { Gateway } from "../gateway.js";
import type { ConsistencyLevel as PbConsistency } from "../gen/v1/base.js";
import { methods } from "../grpc/methods.js";
import {
  type ChunkedSender,
  createChunkedSender,
  type Outcome,
  type PreparedObject,
} from "./chunked-sender.js";
import { EncodedBatchRequestCodec } from "./encoded-objects.js";
import { withRetry } from "./retry.js";
import { batchSettings, chunkByteCap } from "./settings.js";

/** BatchObjects sending objects encoded where they were prepared (encoded-objects.ts). */
const batchObjects = { ...methods.batchObjects, requestType: EncodedBatchRequestCodec };

export interface WriteContext {
  readonly gw: Gateway;
  readonly request: Request;
  readonly consistencyLevel?: PbConsistency;
}

/** A chunked, retrying, bounded-concurrency sender bound to one HTTP request's metadata and deadline. */
export function createObjectWriter(ctx: WriteContext, onOutcomes: (o: Outcome[]) => void): ChunkedSender {
  const { gw, request } = ctx;
  const settings = batchSettings(gw.config);
  const maxMessageBytes = gw.config.limits.maxMessageBytes;
  return createChunkedSender({
    chunkBytes: chunkByteCap(settings, maxMessageBytes),
    chunkObjects: settings.chunkObjects,
    concurrency: settings.concurrency,
    maxMessageBytes,
    onOutcomes: (outcomes) => {
      const failed = outcomes.filter((o) => o.error !== undefined).length;
      gw.metrics.batchObjects("success", outcomes.length - failed);
      gw.metrics.batchObjects("failed", failed);
      onOutcomes(outcomes);
    },
    send: (objects) =>
      withRetry(
        () =>
          gw.callRaw(
            batchObjects,
            { objects, consistencyLevel: ctx.consistencyLevel },
            { request, timeoutMs: gw.config.timeouts.batchMs },
          ),
        {
          retries: settings.retries,
          baseMs: settings.retryBaseMs,
          signal: request.signal,
          onRetry: (error, attempt) =>
            gw.logger.warn("retrying batch chunk", {
              attempt,
              grpcCode: error.codeName,
              objects: objects.length,
            }),
        },
      ),
  });
}

/** Sends every object and answers one outcome per object, in input order (`key` = input index). */
export async function writeObjects(ctx: WriteContext, items: readonly PreparedObject[]): Promise<Outcome[]> {
  // Scope is checked for every object before the first chunk goes out: a forbidden object refuses the
  // whole request (403) instead of leaving it half written.
  ctx.gw.authorize(batchObjects, { objects: items.map((i) => i.object) }, { request: ctx.request });
  const outcomes = new Array<Outcome>(items.length);
  const writer = createObjectWriter(ctx, (done) => {
    for (const o of done) outcomes[o.key] = o;
  });
  for (const item of items) await writer.add(item);
  await writer.finish();
  return outcomes;
}
