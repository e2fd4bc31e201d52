/**
 * An independent codec: the ts-proto code shipped inside the official `weaviate-client` package
 * (generated from Weaviate's own .proto files). Tests decode the bytes the upstream received with it,
 * so a wrong field number or type in our proto/ would show up as a mismatch.
 */

export { AggregateRequest } from "../../node_modules/weaviate-client/dist/node/esm/proto/v1/aggregate.js";
export { BatchObjectsRequest } from "../../node_modules/weaviate-client/dist/node/esm/proto/v1/batch.js";
export { BatchDeleteRequest } from "../../node_modules/weaviate-client/dist/node/esm/proto/v1/batch_delete.js";
export {
  SearchReply,
  SearchRequest,
} from "../../node_modules/weaviate-client/dist/node/esm/proto/v1/search_get.js";
export { TenantsGetRequest } from "../../node_modules/weaviate-client/dist/node/esm/proto/v1/tenants.js";

/** Float32 LE bytes → numbers, written independently of src/translate/vectors.ts. */
export function float32s(bytes: Uint8Array): number[] {
  // Uint8Array.from copies: a Node Buffer's slice() would be a view of its (pooled) memory.
  return Array.from(new Float32Array(Uint8Array.from(bytes).buffer));
}

/** Float64 LE bytes → numbers. */
export function float64s(bytes: Uint8Array): number[] {
  return Array.from(new Float64Array(Uint8Array.from(bytes).buffer));
}
