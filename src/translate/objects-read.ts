import type { ObjectListQuery, ObjectQuery } from "../schemas/objects-read.js";
import { DEFAULT_PAGE_SIZE } from "../schemas/objects-read.js";
import type { SearchBody } from "../schemas/search.js";

/** Read-route query strings → the search body they stand for, so toSearchRequest is the one translator. */

function common(q: ObjectQuery): SearchBody {
  return {
    returnProperties: q.properties,
    includeVector: q.includeVector,
    returnMetadata: q.metadata,
    tenant: q.tenant,
    consistencyLevel: q.consistencyLevel,
  };
}

/** Cursor paging: Weaviate's `after` scan in id order, always with an explicit limit. */
export function toListBody(q: ObjectListQuery): SearchBody & { limit: number } {
  return { ...common(q), limit: q.limit ?? DEFAULT_PAGE_SIZE, after: q.after };
}

/** One object by id: a fetch filtered on `_id`, limit 1. */
export function toSingleBody(id: string, q: ObjectQuery): SearchBody {
  return { ...common(q), limit: 1, filters: { property: "_id", operator: "equal", value: id } };
}
