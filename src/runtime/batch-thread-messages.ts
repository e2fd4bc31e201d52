import type { ParsedBatch } from "../batch/parse-batch.js";
import type { ApiErrorInit } from "../errors/api-error.js";

/** What the batch parser thread answers, for the job with that id. */
export type BatchThreadReply =
  | { id: number; parsed: ParsedBatch }
  | { id: number; problem: ApiErrorInit }
  | { id: number; failure: string };

/** The vector buffers of prepared objects, moved rather than copied back (each view spans its buffer). */
export function transferablesOf(parsed: ParsedBatch): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const add = (bytes: Uint8Array | undefined) => {
    if (
      bytes &&
      bytes.buffer instanceof ArrayBuffer &&
      bytes.byteOffset === 0 &&
      bytes.byteLength === bytes.buffer.byteLength
    )
      buffers.add(bytes.buffer);
  };
  for (const { object } of parsed.prepared) {
    add(object.vectorBytes);
    for (const v of object.vectors ?? []) add(v.vectorBytes);
  }
  return [...buffers];
}
