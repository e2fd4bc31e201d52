import type { BatchObject, BatchObjectsReply } from "../gen/v1/batch.js";
import type { BatchBody, ObjectInput, ObjectResult } from "../schemas/objects.js";
import { type TypingIssue, toBatchProperties } from "./properties.js";
import { isMulti, packSingle, toVectors } from "./vectors.js";

/**
 * One JSON object → BatchObject. The id must already be assigned (the caller gives every object its id
 * before the first gRPC call, so a retried call replaces instead of duplicating).
 */
export function toBatchObject(
  collection: string,
  object: ObjectInput,
  id: string,
  defaultTenant: string | undefined,
  issues: TypingIssue[],
  path: (string | number)[],
): BatchObject {
  const out: BatchObject = {
    uuid: id,
    collection,
    tenant: object.tenant ?? defaultTenant,
    properties: toBatchProperties(object, issues, [...path, "properties"]),
  };
  if (object.vector) {
    // An unnamed single vector goes in vector_bytes (as the TS client sends it); an unnamed multi-vector
    // can only travel as a typed Vectors entry.
    if (isMulti(object.vector)) out.vectors = [toVectors(object.vector, "")];
    else out.vectorBytes = packSingle(object.vector);
  }
  if (object.vectors) {
    out.vectors = [...(out.vectors ?? [])];
    for (const [name, vector] of Object.entries(object.vectors)) out.vectors.push(toVectors(vector, name));
  }
  return out;
}

/** Translates a whole batch body; typing issues are returned with `objects[i]...` paths. */
export function toBatchObjects(
  collection: string,
  body: Pick<BatchBody, "objects" | "tenant">,
  ids: readonly string[],
): { objects: BatchObject[]; issues: TypingIssue[] } {
  const issues: TypingIssue[] = [];
  const objects = body.objects.map((o, i) =>
    toBatchObject(collection, o, ids[i], body.tenant, issues, ["objects", i]),
  );
  return { objects, issues };
}

/**
 * BatchObjectsReply → one result per sent object. `errors[].index` is the index in the request that was
 * sent; `indexes[k]` maps the k-th sent object back to the caller's index.
 */
export function fromBatchReply(
  reply: BatchObjectsReply,
  ids: readonly string[],
  indexes: readonly number[],
): ObjectResult[] {
  const errors = new Map<number, string>();
  for (const e of reply.errors ?? []) errors.set(e.index ?? 0, e.error ?? "unknown error");
  return indexes.map((index, k) => {
    const error = errors.get(k);
    return error === undefined
      ? { index, id: ids[k], status: "success" }
      : { index, id: ids[k], status: "failed", error };
  });
}
