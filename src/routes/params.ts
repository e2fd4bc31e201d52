import type { Context } from "hono";
import { validate } from "../http/read-body.js";
import { CollectionName, isCollectionName } from "../schemas/common.js";

/** The `{collection}` path segment, validated (never passed upstream unchecked). */
export function collectionParam(c: Context): string {
  const name = c.req.param("collection") ?? "";
  // The schema's rule without zod first; zod runs only to explain a refusal.
  return isCollectionName(name) ? name : validate(CollectionName, name, "collection");
}

/**
 * `?tenant=` and `?consistencyLevel=` apply wherever the body may carry them (api.md conventions); a
 * value in the body wins. Merged before validation so the schema checks both sources alike.
 */
export function withQueryOptions(c: Context, body: unknown): unknown {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return body;
  const merged: Record<string, unknown> = { ...body };
  for (const key of ["tenant", "consistencyLevel"] as const) {
    const q = c.req.query(key);
    if (q !== undefined && merged[key] === undefined) merged[key] = q;
  }
  return merged;
}
