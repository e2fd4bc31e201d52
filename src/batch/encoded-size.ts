import { BatchObject } from "../gen/v1/batch.js";

function varintLength(n: number): number {
  let len = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 128);
    len++;
  }
  return len;
}

/**
 * Bytes one object adds to a BatchObjectsRequest: its encoding with the generated codec, plus the field
 * tag and length prefix of `repeated BatchObject objects = 1`. Exact, so chunks never overshoot.
 */
export function batchObjectWireSize(object: BatchObject): number {
  const body = BatchObject.encode(object).finish().byteLength;
  return 1 + varintLength(body) + body;
}

/** The rest of a BatchObjectsRequest: `optional ConsistencyLevel consistency_level = 2` (tag + varint). */
export const REQUEST_ENVELOPE_BYTES = 2;
