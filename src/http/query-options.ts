/** The request-level options a query string may carry (api.md conventions: the body's value wins). */
export interface QueryOptions {
  readonly tenant?: string;
  readonly consistencyLevel?: string;
}

/** `body` with the query's options added where it has none (a body that is not an object is left as is). */
export function mergeQueryOptions(body: unknown, query: QueryOptions): unknown {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return body;
  const merged: Record<string, unknown> = { ...body };
  for (const key of ["tenant", "consistencyLevel"] as const) {
    const q = query[key];
    if (q !== undefined && merged[key] === undefined) merged[key] = q;
  }
  return merged;
}
