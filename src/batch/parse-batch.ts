import { mergeQueryOptions, type QueryOptions } from "../http/query-options.js";
import { parseJsonBytes, type Utf8Decoder, validateFast } from "../http/read-body.js";
import type { ConsistencyLevel } from "../schemas/common.js";
import { BatchBody, FastBatchBody } from "../schemas/objects.js";
import { prepareBatch } from "../translate/batch.js";
import type { PreparedObject } from "./chunked-sender.js";
import { typingIssuesError } from "./outcome-error.js";

/** What the batch route hands to parsing: plain data, so a runtime may parse on another thread. */
export interface BatchJob {
  readonly collection: string;
  /** The body as received (content type and size already checked). */
  readonly bytes: Uint8Array;
  readonly query: QueryOptions;
}

/** A batch body parsed, validated and translated: every object with its final id, ready to send. */
export interface ParsedBatch {
  readonly consistencyLevel?: ConsistencyLevel;
  readonly prepared: PreparedObject[];
}

/** Parses a batch job on the caller's thread (runtimes may provide one that runs it elsewhere). */
export type BatchParser = (job: BatchJob) => Promise<ParsedBatch>;

/**
 * The CPU-heavy part of `POST .../objects/batch`: JSON.parse of a body that can be megabytes of vector
 * digits, validation and translation. Throws the ApiError a client gets (400 for bad JSON, bad fields or
 * properties that cannot be typed). It touches nothing but its input, so it runs the same on any thread
 * (objects without an id get a random one, so two runs differ only there). `decode` is the runtime's UTF-8
 * decoder, if it has a faster one than TextDecoder.
 */
export async function parseBatch(job: BatchJob, decode?: Utf8Decoder): Promise<ParsedBatch> {
  const body = validateFast(
    FastBatchBody,
    BatchBody,
    mergeQueryOptions(parseJsonBytes(job.bytes, decode), job.query),
  );
  const { prepared, issues } = await prepareBatch(job.collection, body);
  if (issues.length) throw typingIssuesError(issues);
  return { consistencyLevel: body.consistencyLevel, prepared };
}
