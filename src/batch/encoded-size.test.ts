import { describe, expect, it } from "vitest";
import { type BatchObject, BatchObjectsRequest } from "../gen/v1/batch.js";
import { BatchObjectsRequestCodec, batchObjectWireSize, REQUEST_ENVELOPE_BYTES } from "./encoded-size.js";

function object(i: number, dims: number): BatchObject {
  return {
    uuid: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    collection: "Article",
    properties: { nonRefProperties: { title: `title ${i}`, n: i } },
    vectorBytes: new Uint8Array(Float32Array.from({ length: dims }, (_, d) => (d % 7) / 10 + i).buffer),
  };
}

describe("batch objects encoded once", () => {
  it("give the generated codec's exact bytes and sizes, large objects before and after small ones", () => {
    const objects = [object(1, 1536), object(2, 3), object(3, 0), object(4, 300_000), object(5, 8)];
    const expected = BatchObjectsRequest.encode({ objects, consistencyLevel: 2 }).finish();
    const sizes = objects.reduce((sum, o) => sum + batchObjectWireSize(o), REQUEST_ENVELOPE_BYTES);
    expect(sizes).toBe(expected.byteLength);
    expect(BatchObjectsRequestCodec.encode({ objects, consistencyLevel: 2 }).finish()).toEqual(expected);
  });

  it("stay exact after an object whose encoding failed half-way", () => {
    const broken = {
      uuid: "00000000-0000-4000-8000-000000000009",
      get collection(): string {
        throw new Error("cannot read this object");
      },
    } as BatchObject;
    expect(() => batchObjectWireSize(broken)).toThrow("cannot read this object");
    const objects = [object(6, 16), object(7, 1536)];
    expect(BatchObjectsRequestCodec.encode({ objects }).finish()).toEqual(
      BatchObjectsRequest.encode({ objects }).finish(),
    );
  });

  it("frame the same bytes in one buffer after the space asked for, with any consistency level", () => {
    const objects = [object(8, 1536), object(9, 0), object(10, 40)];
    for (const consistencyLevel of [undefined, 0, 1, 3, -1]) {
      const message = { objects, consistencyLevel };
      const frame = BatchObjectsRequestCodec.encodeAt?.(message, 5) as Uint8Array;
      expect(Array.from(frame.subarray(0, 5))).toEqual([0, 0, 0, 0, 0]);
      expect(frame.subarray(5)).toEqual(BatchObjectsRequest.encode(message).finish());
    }
    expect(BatchObjectsRequestCodec.encodeAt?.({ objects: [] }, 5)).toEqual(new Uint8Array(5));
    // Lengths of one, two and three varint bytes.
    const sized = [object(11, 20), object(12, 40), object(13, 40_000)];
    expect(BatchObjectsRequestCodec.encodeAt?.({ objects: sized }, 0)).toEqual(
      BatchObjectsRequest.encode({ objects: sized }).finish(),
    );
  });
});
