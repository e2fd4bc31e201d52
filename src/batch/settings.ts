import type { GatewayConfig } from "../config.js";

/**
 * Tuning of batch writes, configured by the BATCH_* and IMPORT_* variables (config.ts). Defaults: a few MB
 * and at most 200 objects per BatchObjects call (Weaviate's clients send 100 to 1000), a handful of calls
 * in flight, retries only for transient statuses. The object cap bounds what an import holds: objects live
 * while their call is in flight, long enough for V8 to promote them, so the old generation grows with the
 * in-flight set (1 GiB of 384-d objects: 1000 per call peaked at 233 MiB RSS, 200 per call at 171 MiB, at
 * the same objects/s; bench/results, 2026-11-23).
 */
export interface BatchSettings {
  /** Upper bound of one BatchObjects request in encoded bytes; the effective cap is also ≤ maxMessageBytes/2. */
  readonly chunkBytes: number;
  /** At most this many objects per BatchObjects call. */
  readonly chunkObjects: number;
  /** At most this many BatchObjects calls in flight per HTTP request. */
  readonly concurrency: number;
  /** Retries of a chunk that failed with UNAVAILABLE or DEADLINE_EXCEEDED (after the first attempt). */
  readonly retries: number;
  /** First backoff delay; doubled each retry, with jitter. */
  readonly retryBaseMs: number;
  /** NDJSON import: a longer line fails on its own. */
  readonly maxLineBytes: number;
  /** NDJSON import: when the body pauses this long, the partly filled chunk is sent (trickling producers). */
  readonly importFlushMs: number;
}

export const DEFAULT_BATCH_SETTINGS: BatchSettings = {
  chunkBytes: 8 * 1024 * 1024,
  chunkObjects: 200,
  concurrency: 4,
  retries: 3,
  retryBaseMs: 200,
  maxLineBytes: 10 * 1024 * 1024,
  importFlushMs: 100,
};

export function batchSettings(config: GatewayConfig): BatchSettings {
  return config.batch;
}

/** The byte cap of one chunk: half the gRPC limit leaves room for the envelope and any proxy in between. */
export function chunkByteCap(settings: BatchSettings, maxMessageBytes: number): number {
  return Math.max(1, Math.min(Math.floor(maxMessageBytes / 2), settings.chunkBytes));
}
