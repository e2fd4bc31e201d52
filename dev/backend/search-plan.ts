import { SearchOperatorOptions_Operator } from "../../src/gen/v1/base_search.js";
import type { SearchRequest } from "../../src/gen/v1/search_get.js";
import type { Bm25Query } from "./bm25.js";
import { compileFilter, type Predicate } from "./filters.js";
import { type Selection, selectProperties } from "./property-selection.js";
import { nearVectorQueries, type QueryVector } from "./query-vectors.js";
import type { CollectionSchema } from "./schema.js";
import { sortComparator } from "./sort-by.js";
import type { Store, StoredObject } from "./store.js";
import { type ResolvedTargets, resolveTargets } from "./targets.js";

export const DEFAULT_LIMIT = 10; // QUERY_DEFAULTS_LIMIT
export const MAXIMUM_RESULTS = 10_000; // QUERY_MAXIMUM_RESULTS

/** A validated SearchRequest: what to rank by, how to page, and what to return. */
export interface SearchPlan {
  limit: number;
  offset: number;
  autocut: number;
  after?: string;
  filter?: Predicate;
  sort?: (a: StoredObject, b: StoredObject) => number;
  bm25?: Bm25Query;
  /** nearVector: query vectors per target; nearObject: the object whose vectors are the query. */
  vector?: {
    targets: ResolvedTargets;
    queries?: QueryVector[];
    objectId?: string;
    distance?: number;
    certainty?: number;
  };
  hybrid?: ResolvedTargets;
  selection: Selection;
  /** Certainty is reported only for vector searches on single-vector targets. */
  certainty: boolean;
}

const VECTOR_SEARCHES = [
  "nearVector",
  "nearObject",
  "nearText",
  "nearImage",
  "nearAudio",
  "nearVideo",
  "nearDepth",
  "nearThermal",
  "nearImu",
] as const;

/**
 * Parses a SearchRequest in the order Weaviate's `Parser.Search` does (parse_search_request.go), so that a
 * request with several problems reports the same one: targets, properties, near_* arguments, pagination,
 * filters, then "sorting cannot be combined with search" and the group-by path.
 */
export function planSearch(
  request: SearchRequest,
  schema: CollectionSchema,
  store: Store,
  tenant: string,
): SearchPlan {
  const searches = VECTOR_SEARCHES.filter((key) => request[key] !== undefined);
  const isVectorSearch = searches.length > 0 || request.hybridSearch !== undefined;
  const source =
    request.hybridSearch ?? (searches.length > 0 ? request[searches[searches.length - 1]] : undefined);
  const targets = isVectorSearch ? resolveTargets(schema, source?.targets, source?.targetVectors) : undefined;
  const multi = targets?.targets.some((t) => schema.vectors.get(t)?.multi) ?? false;
  const plan: SearchPlan = {
    limit: request.limit || DEFAULT_LIMIT,
    offset: request.offset ?? 0,
    autocut: request.autocut ?? 0,
    selection: selectProperties(request.properties, schema, store),
    certainty: isVectorSearch && !multi,
  };
  if (request.bm25Search) {
    const op = request.bm25Search.searchOperator;
    plan.bm25 = {
      query: request.bm25Search.query ?? "",
      properties: request.bm25Search.properties ?? [],
      operator: op?.operator === SearchOperatorOptions_Operator.OPERATOR_AND ? "and" : "or",
      minimumMatch: op?.minimumOrTokensMatch,
    };
  }
  const nv = request.nearVector;
  if (nv && targets) {
    const queries = nearVectorQueries(nv, targets.targets, schema);
    if (nv.distance !== undefined && nv.certainty !== undefined) {
      throw new Error("near_vector: cannot provide distance and certainty");
    }
    plan.vector = { targets, queries, distance: nv.distance, certainty: nv.certainty };
  }
  const no = request.nearObject;
  if (no && targets) {
    if (!no.id) throw new Error("near_object: id is required");
    if (no.distance !== undefined && no.certainty !== undefined) {
      throw new Error("near_object: cannot provide distance and certainty");
    }
    plan.vector = { targets, objectId: no.id, distance: no.distance, certainty: no.certainty };
  }
  for (const key of searches.filter((k) => k !== "nearVector" && k !== "nearObject")) {
    const near = request[key];
    const label = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    if (near?.distance !== undefined && near.certainty !== undefined) {
      throw new Error(`${label}: cannot provide distance and certainty`);
    }
  }
  if (request.hybridSearch) plan.hybrid = checkHybrid(request, targets!);
  if (request.after) plan.after = request.after;
  if (request.filters) plan.filter = compileFilter(request.filters, { store, schema, tenant });
  if ((request.sortBy ?? []).length > 0) {
    if (isVectorSearch || request.bm25Search || request.generative)
      throw new Error("sorting cannot be combined with search");
    plan.sort = sortComparator(request.sortBy ?? [], schema);
  }
  if (request.groupBy && (request.groupBy.path ?? []).length !== 1) {
    throw new Error(
      `groupby path can only have one entry, received [${(request.groupBy.path ?? []).join(" ")}]`,
    );
  }
  if (plan.offset + plan.limit > MAXIMUM_RESULTS) {
    throw new Error(
      `query maximum results exceeded: the total limit calculated from the provided offset '${plan.offset}' and limit '${plan.limit}' exceeds the configured value for QUERY_MAXIMUM_RESULTS '${MAXIMUM_RESULTS}'. If you've supplied a negative offset or limit, this may be an underflow error`,
    );
  }
  return plan;
}

function checkHybrid(request: SearchRequest, targets: ResolvedTargets): ResolvedTargets {
  const hybrid = request.hybridSearch!;
  const vectors = hybrid.vectors ?? [];
  if (vectors.length > 1) throw new Error(`hybrid: only 1 vector supported, found ${vectors.length} vectors`);
  if (hybrid.nearText?.selection) {
    throw new Error(
      "hybrid: selection must be set on the top-level hybrid search, not on the near_text sub-search",
    );
  }
  if (hybrid.nearVector?.selection) {
    throw new Error(
      "hybrid: selection must be set on the top-level hybrid search, not on the near_vector sub-search",
    );
  }
  const direct =
    vectors.length > 0 || (hybrid.vectorBytes?.length ?? 0) > 0 || (hybrid.vector?.length ?? 0) > 0;
  if (hybrid.nearText && hybrid.nearVector)
    throw new Error("cannot combine nearText and nearVector in hybrid search");
  if (hybrid.nearText && direct) throw new Error("cannot combine nearText and query in hybrid search");
  if (hybrid.nearVector && direct) throw new Error("cannot combine nearVector and vector in hybrid search");
  return targets;
}
