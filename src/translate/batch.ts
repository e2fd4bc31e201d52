import { type Outcome, type PreparedObject, prepareObject } from "../batch/chunked-sender.js";
import type { BatchObject } from "../gen/v1/batch.js";
import type { BatchBody, ObjectInput, ObjectResult } from "../schemas/objects.js";
import { assignId } from "./ids.js";
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

/**
 * A whole batch body → objects ready to send, each with its final id and encoding. Typing issues are
 * returned with `objects[i]...` paths (and nothing is prepared to send when there are any).
 */
export async function prepareBatch(
  collection: string,
  body: Pick<BatchBody, "objects" | "tenant" | "ids">,
): Promise<{ prepared: PreparedObject[]; issues: TypingIssue[] }> {
  const issues: TypingIssue[] = [];
  const ids = await Promise.all(body.objects.map((o) => assignId(collection, o, body.ids, body.tenant)));
  const objects = body.objects.map((o, i) =>
    toBatchObject(collection, o, ids[i], body.tenant, issues, ["objects", i]),
  );
  // Encoded here, where the body is parsed (the batch parser thread for large bodies), and only when
  // every object could be typed.
  const prepared = issues.length ? [] : objects.map((object, i) => prepareObject(i, ids[i], object));
  return { prepared, issues };
}

/** An outcome of the chunked sender → the public per-object result. */
export function toObjectResult(o: Outcome): ObjectResult {
  if (o.error === undefined) return { index: o.key, id: o.id, status: "success" };
  if (!o.grpcCode) return { index: o.key, id: o.id, status: "failed", error: o.error };
  return {
    index: o.key,
    id: o.id,
    status: "failed",
    error: `${o.grpcCode}: ${o.error}`,
    grpcCode: o.grpcCode,
  };
}
