import type {
  BatchDeleteObject,
  BatchDeleteReply,
  BatchDeleteRequest,
} from "../../src/gen/v1/batch_delete.js";
import { weaviateError } from "./backend-error.js";
import { compileFilter } from "./filters.js";
import { upperFirst } from "./schema.js";
import { MAXIMUM_RESULTS } from "./search-plan.js";
import { shardFor } from "./shard-for.js";
import type { Store } from "./store.js";
import { uuidToBytes } from "./uuid.js";

/**
 * BatchDelete as Weaviate answers it (adapters/handlers/grpc/v1/batch_delete.go): a filter is required, at
 * most QUERY_MAXIMUM_RESULTS matches are deleted per call, a dry run deletes nothing but reports the matches
 * as successful, and `verbose` lists every match with its 16-byte UUID.
 */
export function batchDelete(store: Store, request: BatchDeleteRequest): BatchDeleteReply {
  const started = performance.now();
  const name = upperFirst(request.collection ?? "");
  const collection = store.get(name);
  if (!collection) throw weaviateError(`could not find class ${name} in schema`);
  if (!request.filters) throw new Error("batch delete params: no filters in batch delete request");
  const tenant = request.tenant ?? "";
  let predicate: ReturnType<typeof compileFilter>;
  try {
    predicate = compileFilter(request.filters, { store, schema: collection.schema, tenant });
  } catch (error) {
    throw new Error(`batch delete params: ${(error as Error).message}`);
  }
  const shard = shardFor(collection, tenant);
  const matches = [...shard.objects.values()].filter(predicate).slice(0, MAXIMUM_RESULTS);
  if (!request.dryRun) for (const object of matches) shard.objects.delete(object.id);
  const objects: BatchDeleteObject[] = request.verbose
    ? matches.map((o) => ({ uuid: uuidToBytes(o.id), successful: true, error: "" }))
    : [];
  const count = BigInt(matches.length);
  return {
    took: (performance.now() - started) / 1000,
    failed: 0n,
    matches: count,
    successful: count,
    objects,
  };
}
