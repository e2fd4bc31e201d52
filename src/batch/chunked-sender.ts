import type { BatchObject, BatchObjectsReply } from "../gen/v1/batch.js";
import { type CodeName, GrpcError } from "../grpc/status.js";
import {
  type EncodedObject,
  encodeBatchObject,
  objectFieldSize,
  REQUEST_ENVELOPE_BYTES,
} from "./encoded-objects.js";

/** One object ready to send; `key` is the caller's index (or line number), echoed in its outcome. */
export interface PreparedObject {
  readonly key: number;
  readonly id: string;
  readonly object: EncodedObject;
}

/** A translated object (whose uuid is `id`), encoded for sending. */
export function prepareObject(key: number, id: string, object: BatchObject): PreparedObject {
  return { key, id, object: encodeBatchObject(object) };
}

export interface Outcome {
  readonly key: number;
  readonly id: string;
  /** Weaviate's per-object error, or the message of the failed call when `grpcCode` is set. */
  readonly error?: string;
  /** The status of the whole BatchObjects call that carried this object, when that call failed. */
  readonly grpcCode?: CodeName;
}

export interface ChunkedSenderOptions {
  /** Sends one chunk (retries included); rejects with GrpcError when the chunk finally failed. */
  readonly send: (objects: EncodedObject[]) => Promise<BatchObjectsReply>;
  readonly chunkBytes: number;
  readonly chunkObjects: number;
  readonly concurrency: number;
  readonly maxMessageBytes: number;
  /** Receives outcomes as chunks complete, each object exactly once. */
  readonly onOutcomes: (outcomes: Outcome[]) => void;
}

export interface ChunkedSender {
  /** Queues an object; resolves once it is accepted, which waits while `concurrency` chunks are in flight. */
  add(item: PreparedObject): Promise<void>;
  /** Sends the partly filled chunk now (waiting for a free slot), without waiting for its reply. */
  flush(): Promise<void>;
  /** Sends what is queued and waits for every chunk. */
  finish(): Promise<void>;
}

/**
 * Splits a stream of objects into BatchObjects calls by encoded size and count, with at most
 * `concurrency` calls in flight. Back-pressure: `add` does not resolve while the pipeline is full, so a
 * caller that awaits it stops reading its input.
 */
export function createChunkedSender(options: ChunkedSenderOptions): ChunkedSender {
  let items: PreparedObject[] = [];
  let bytes = REQUEST_ENVELOPE_BYTES;
  const inFlight = new Set<Promise<void>>();

  async function sendChunk(chunk: PreparedObject[]): Promise<void> {
    try {
      const reply = await options.send(chunk.map((c) => c.object));
      // BatchError.index is the index within the request that was sent: map it back through the chunk.
      const errors = new Map<number, string>();
      for (const e of reply.errors ?? []) errors.set(e.index ?? 0, e.error || "unknown error");
      options.onOutcomes(chunk.map((c, k) => ({ key: c.key, id: c.id, error: errors.get(k) })));
    } catch (e) {
      const error = GrpcError.from(e);
      const message = error.message || "call failed";
      options.onOutcomes(
        chunk.map((c) => ({ key: c.key, id: c.id, error: message, grpcCode: error.codeName })),
      );
    }
  }

  async function flush(): Promise<void> {
    if (!items.length) return;
    const chunk = items;
    items = [];
    bytes = REQUEST_ENVELOPE_BYTES;
    while (inFlight.size >= options.concurrency) await Promise.race(inFlight);
    const p: Promise<void> = sendChunk(chunk).finally(() => inFlight.delete(p));
    inFlight.add(p);
  }

  return {
    async add(item) {
      const size = objectFieldSize(item.object);
      if (size + REQUEST_ENVELOPE_BYTES > options.maxMessageBytes) {
        options.onOutcomes([
          {
            key: item.key,
            id: item.id,
            error: `the object is ${size} bytes encoded, over the gRPC message limit of ${options.maxMessageBytes} bytes`,
          },
        ]);
        return;
      }
      // An object bigger than the cap (but within the gRPC limit) travels alone rather than failing.
      if (items.length && (bytes + size > options.chunkBytes || items.length >= options.chunkObjects))
        await flush();
      items.push(item);
      bytes += size;
    },
    flush,
    async finish() {
      await flush();
      while (inFlight.size) await Promise.race(inFlight);
    },
  };
}
