import type { ParsedBatch } from "../batch/parse-batch.js";
import type { ApiErrorInit } from "../errors/api-error.js";

/** What the batch parser thread answers, for the job with that id. */
export type BatchThreadReply =
  | { id: number; parsed: ParsedBatch }
  | { id: number; problem: ApiErrorInit }
  | { id: number; failure: string };

/** The buffer behind `bytes` when the view is all of it, so moving it to another thread moves nothing else. */
export function wholeBuffer(bytes: Uint8Array | undefined): ArrayBuffer | undefined {
  if (!bytes || !(bytes.buffer instanceof ArrayBuffer)) return undefined;
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : undefined;
}

/** The buffers of the prepared objects' encodings, moved rather than copied back. */
export function transferablesOf(parsed: ParsedBatch): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const { object } of parsed.prepared) {
    const buffer = wholeBuffer(object.bytes);
    if (buffer) buffers.add(buffer);
  }
  return [...buffers];
}
