import type { Context } from "hono";
import { mergeQueryOptions, type QueryOptions } from "../http/query-options.js";
import { validate } from "../http/read-body.js";
import { CollectionName, isCollectionName } from "../schemas/common.js";

/** The `{collection}` path segment, validated (never passed upstream unchecked). */
export function collectionParam(c: Context): string {
  const name = c.req.param("collection") ?? "";
  // The schema's rule without zod first; zod runs only to explain a refusal.
  return isCollectionName(name) ? name : validate(CollectionName, name, "collection");
}

export function queryOptions(c: Context): QueryOptions {
  return { tenant: c.req.query("tenant"), consistencyLevel: c.req.query("consistencyLevel") };
}

/**
 * `?tenant=` and `?consistencyLevel=` apply wherever the body may carry them (api.md conventions); a
 * value in the body wins. Merged before validation so the schema checks both sources alike.
 */
export function withQueryOptions(c: Context, body: unknown): unknown {
  return mergeQueryOptions(body, queryOptions(c));
}
