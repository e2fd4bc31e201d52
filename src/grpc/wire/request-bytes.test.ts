import { describe, expect, it } from "vitest";
import { EncodedBatchRequestCodec, encodeBatchObject } from "../../batch/encoded-objects.js";
import { BatchObjectsRequest } from "../../gen/v1/batch.js";
import { SearchRequest } from "../../gen/v1/search_get.js";
import { encodeRequest, encodeRequestFrame } from "./request-bytes.js";

const objects = [400, 0, 70_000].map((dims, i) => ({
  uuid: `00000000-0000-4000-8000-00000000000${i}`,
  collection: "Article",
  vectorBytes: new Uint8Array(dims * 4).fill(i + 1),
}));

/** The 5-byte prefix of gRPC and gRPC-Web: flag 0, then the length, big-endian. */
function prefixOf(frame: Uint8Array): [number, number] {
  return [frame[0], new DataView(frame.buffer, frame.byteOffset).getUint32(1, false)];
}

describe("request bytes", () => {
  it("frame a message behind its length, through encodeAt or through the generated encode", () => {
    const batch = BatchObjectsRequest.encode({ objects, consistencyLevel: 2 }).finish();
    const framed = encodeRequestFrame(EncodedBatchRequestCodec, {
      objects: objects.map(encodeBatchObject),
      consistencyLevel: 2,
    });
    expect(prefixOf(framed)).toEqual([0, batch.byteLength]);
    expect(framed.subarray(5)).toEqual(batch);

    const search = { collection: "Article", limit: 3, uses123Api: true };
    const plain = encodeRequestFrame(SearchRequest, search);
    const bytes = SearchRequest.encode(search).finish();
    expect(prefixOf(plain)).toEqual([0, bytes.byteLength]);
    expect(plain.subarray(5)).toEqual(bytes);
  });

  it("give the bare message for Connect, the same bytes either way", () => {
    const encoded = { objects: objects.map(encodeBatchObject) };
    expect(encodeRequest(EncodedBatchRequestCodec, encoded)).toEqual(
      BatchObjectsRequest.encode({ objects }).finish(),
    );
    expect(encodeRequest(SearchRequest, { collection: "A" })).toEqual(
      SearchRequest.encode({ collection: "A" }).finish(),
    );
  });
});
