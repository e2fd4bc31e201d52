import type { SearchRequest, SortBy } from "../gen/v1/search_get.js";
import type { SearchBody } from "../schemas/search.js";
import { toBoost } from "./boost.js";
import { toConsistency } from "./common.js";
import { toFilters } from "./filters.js";
import { toGenerativeSearch } from "./generative-request.js";
import { toMetadataRequest, toPropertiesRequest } from "./return-request.js";
import { toBm25, toHybrid, toNearMedia, toNearObject, toNearText, toNearVector } from "./search-operators.js";

export { toMetadataRequest, toPropertiesRequest } from "./return-request.js";
export { isNamed, toNearVector, toTargets } from "./search-operators.js";

/** The one JSON search body → SearchRequest translator (the read routes build a SearchBody too). */
export function toSearchRequest(collection: string, body: SearchBody): SearchRequest {
  return {
    collection,
    tenant: body.tenant,
    consistencyLevel: toConsistency(body.consistencyLevel),
    properties: toPropertiesRequest(body.returnProperties, body.returnReferences),
    metadata: toMetadataRequest(body.returnMetadata, body.includeVector, body.queryProfile),
    groupBy: body.groupBy && {
      path: [body.groupBy.property],
      numberOfGroups: body.groupBy.numberOfGroups,
      objectsPerGroup: body.groupBy.objectsPerGroup,
    },
    limit: body.limit,
    offset: body.offset,
    autocut: body.autoLimit,
    after: body.after,
    sortBy: body.sort?.map(toSortBy),
    filters: body.filters ? toFilters(body.filters) : undefined,
    ...toOperator(body),
    rerank: body.rerank && { property: body.rerank.property, query: body.rerank.query },
    boost: body.boost ? toBoost(body.boost) : undefined,
    generative: body.generate ? toGenerativeSearch(body.generate) : undefined,
    // uses_123/125 are ignored since 1.30; uses_127 still selects the generative format (weaviate-wire.md §3).
    uses123Api: true,
    uses125Api: true,
    uses127Api: true,
  };
}

/** Ascending unless "desc" (SortBy.ascending=false means descending). */
function toSortBy(s: NonNullable<SearchBody["sort"]>[number]): SortBy {
  return { path: [s.property], ascending: s.order !== "desc" };
}

/** The one search operator the body carries (validation guarantees at most one) → its request field. */
function toOperator(b: SearchBody): Partial<SearchRequest> {
  if (b.nearVector) return { nearVector: toNearVector(b.nearVector) };
  if (b.nearText) return { nearText: toNearText(b.nearText) };
  if (b.nearObject) return { nearObject: toNearObject(b.nearObject) };
  if (b.bm25) return { bm25Search: toBm25(b.bm25) };
  if (b.hybrid) return { hybridSearch: toHybrid(b.hybrid) };
  if (b.nearImage) return { nearImage: toNearMedia("image", b.nearImage) };
  if (b.nearAudio) return { nearAudio: toNearMedia("audio", b.nearAudio) };
  if (b.nearVideo) return { nearVideo: toNearMedia("video", b.nearVideo) };
  if (b.nearDepth) return { nearDepth: toNearMedia("depth", b.nearDepth) };
  if (b.nearThermal) return { nearThermal: toNearMedia("thermal", b.nearThermal) };
  if (b.nearImu) return { nearImu: toNearMedia("imu", b.nearImu) };
  return {};
}
