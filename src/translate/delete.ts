import type { BatchDeleteReply, BatchDeleteRequest } from "../gen/v1/batch_delete.js";
import type { DeleteBody, DeleteResultJson } from "../schemas/delete.js";
import { toConsistency, tookMs } from "./common.js";
import { toFilters } from "./filters.js";
import { bytesToUuid } from "./ids.js";

export function toBatchDeleteRequest(collection: string, body: DeleteBody): BatchDeleteRequest {
  return {
    collection,
    filters: toFilters(body.filters),
    dryRun: body.dryRun ?? false,
    verbose: body.verbose ?? false,
    tenant: body.tenant,
    consistencyLevel: toConsistency(body.consistencyLevel),
  };
}

/** One object by id: Weaviate has no single-delete RPC, so it is a BatchDelete filtered on `_id`. */
export function deleteOneRequest(
  collection: string,
  id: string,
  options: Pick<DeleteBody, "tenant" | "consistencyLevel">,
): BatchDeleteRequest {
  return toBatchDeleteRequest(collection, {
    filters: { property: "_id", operator: "equal", value: id },
    ...options,
  });
}

/** Counts are int64 on the wire (bigint here); a delete never matches 2^53 objects, so numbers are exact. */
export function fromBatchDeleteReply(reply: BatchDeleteReply, dryRun: boolean): DeleteResultJson {
  const out: DeleteResultJson = {
    matches: Number(reply.matches ?? 0n),
    successful: Number(reply.successful ?? 0n),
    failed: Number(reply.failed ?? 0n),
    dryRun,
    tookMs: tookMs(reply.took),
  };
  if (reply.objects?.length) {
    out.objects = reply.objects.map((o) => {
      const entry: { id: string; successful: boolean; error?: string } = {
        id: o.uuid?.byteLength === 16 ? bytesToUuid(o.uuid) : "",
        successful: o.successful ?? false,
      };
      if (o.error) entry.error = o.error;
      return entry;
    });
  }
  return out;
}
