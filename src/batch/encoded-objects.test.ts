import { describe, expect, it } from "vitest";
import { type BatchObject, BatchObjectsRequest } from "../gen/v1/batch.js";
import {
  EncodedBatchRequestCodec,
  encodeBatchObject,
  objectFieldSize,
  REQUEST_ENVELOPE_BYTES,
} from "./encoded-objects.js";

function object(i: number, dims: number, tenant?: string): BatchObject {
  return {
    uuid: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    collection: "Article",
    tenant,
    properties: { nonRefProperties: { title: `title ${i}`, n: i } },
    vectorBytes: new Uint8Array(Float32Array.from({ length: dims }, (_, d) => (d % 7) / 10 + i).buffer),
  };
}

const encodeAll = (objects: BatchObject[]) => objects.map(encodeBatchObject);

describe("batch objects encoded once", () => {
  it("give the generated codec's exact bytes and sizes, large objects before and after small ones", () => {
    const objects = [object(1, 1536), object(2, 3), object(3, 0), object(4, 300_000), object(5, 8)];
    const expected = BatchObjectsRequest.encode({ objects, consistencyLevel: 2 }).finish();
    const encoded = encodeAll(objects);
    const sizes = encoded.reduce((sum, o) => sum + objectFieldSize(o), REQUEST_ENVELOPE_BYTES);
    expect(sizes).toBe(expected.byteLength);
    expect(EncodedBatchRequestCodec.encode({ objects: encoded, consistencyLevel: 2 }).finish()).toEqual(
      expected,
    );
  });

  it("carry the collection and tenant the scope check reads, and own their buffers", () => {
    const [a, b] = encodeAll([object(1, 16, "tenantA"), object(2, 1536)]);
    expect([a.collection, a.tenant, b.collection, b.tenant]).toEqual([
      "Article",
      "tenantA",
      "Article",
      undefined,
    ]);
    // Each encoding is a whole buffer of its own: the batch parser thread hands them over by transfer.
    for (const { bytes } of [a, b]) {
      expect(bytes.byteOffset).toBe(0);
      expect(bytes.buffer.byteLength).toBe(bytes.byteLength);
    }
    expect(a.bytes.buffer).not.toBe(b.bytes.buffer);
  });

  it("stay exact after an object whose encoding failed half-way", () => {
    const broken = {
      uuid: "00000000-0000-4000-8000-000000000009",
      get collection(): string {
        throw new Error("cannot read this object");
      },
    } as BatchObject;
    expect(() => encodeBatchObject(broken)).toThrow("cannot read this object");
    const objects = [object(6, 16), object(7, 1536)];
    expect(EncodedBatchRequestCodec.encode({ objects: encodeAll(objects) }).finish()).toEqual(
      BatchObjectsRequest.encode({ objects }).finish(),
    );
  });

  it("frame the same bytes in one buffer after the space asked for, with any consistency level", () => {
    const objects = [object(8, 1536), object(9, 0), object(10, 40)];
    for (const consistencyLevel of [undefined, 0, 1, 3, -1]) {
      const frame = EncodedBatchRequestCodec.encodeAt?.({ objects: encodeAll(objects), consistencyLevel }, 5);
      expect(Array.from((frame as Uint8Array).subarray(0, 5))).toEqual([0, 0, 0, 0, 0]);
      expect((frame as Uint8Array).subarray(5)).toEqual(
        BatchObjectsRequest.encode({ objects, consistencyLevel }).finish(),
      );
    }
    expect(EncodedBatchRequestCodec.encodeAt?.({ objects: [] }, 5)).toEqual(new Uint8Array(5));
    // Lengths of one, two and three varint bytes.
    const sized = [object(11, 20), object(12, 40), object(13, 40_000)];
    expect(EncodedBatchRequestCodec.encodeAt?.({ objects: encodeAll(sized) }, 0)).toEqual(
      BatchObjectsRequest.encode({ objects: sized }).finish(),
    );
  });

  it("decode from the wire to the same encodings", () => {
    const objects = [object(14, 64, "t"), object(15, 0)];
    const wire = BatchObjectsRequest.encode({ objects, consistencyLevel: 3 }).finish();
    const decoded = EncodedBatchRequestCodec.decode(wire);
    expect(decoded.consistencyLevel).toBe(3);
    expect(decoded.objects.map((o) => o.bytes)).toEqual(encodeAll(objects).map((o) => o.bytes));
    expect(decoded.objects.map((o) => [o.collection, o.tenant])).toEqual([
      ["Article", "t"],
      ["Article", ""],
    ]);
  });
});
