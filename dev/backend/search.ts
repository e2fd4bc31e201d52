import type { SearchReply, SearchRequest } from "../../src/gen/v1/search_get.js";
import { autocut } from "./autocut.js";
import { weaviateError } from "./backend-error.js";
import { bm25Search } from "./bm25.js";
import { groupHits } from "./group-by.js";
import { hybridSearch } from "./hybrid.js";
import { upperFirst } from "./schema.js";
import { planSearch, type SearchPlan } from "./search-plan.js";
import { type Hit, type ReplyContext, searchResult } from "./search-reply.js";
import { shardFor } from "./shard-for.js";
import type { Store, StoredObject } from "./store.js";
import { parseUuid } from "./uuid.js";
import { certaintyOf, vectorSearch } from "./vector-search.js";

const MEDIA = ["nearImage", "nearAudio", "nearVideo", "nearDepth", "nearThermal", "nearImu"] as const;

/**
 * Search: SearchRequest → SearchReply over the shard the request addresses. Ranking is a fetch (insertion
 * order, an `after` cursor in UUID order, or `sort_by`), BM25, a vector search (nearVector, nearObject) or
 * hybrid; then offset and limit, autocut, and group-by. nearText, the near-media searches and generative or
 * rerank requests fail as on a Weaviate without vectorizer, generative or reranker modules.
 */
export function search(store: Store, request: SearchRequest): SearchReply {
  const started = performance.now();
  const name = upperFirst(request.collection ?? "");
  const collection = store.get(name);
  if (!collection) throw weaviateError(`could not find class ${name} in schema`);
  const { schema } = collection;
  const tenant = request.tenant ?? "";
  const plan = planSearch(request, schema, store, tenant);
  if (plan.after !== undefined) checkCursor(request, plan);
  const shard = shardFor(collection, tenant);
  const corpus = [...shard.objects.values()];
  const allow = plan.filter ?? (() => true);

  const unvectorizable = vectorizerSearch(request);
  if (unvectorizable) {
    throw new Error(
      `explorer: get class: vectorize params: could not vectorize input for collection ${schema.name} with search-type ${unvectorizable}. Make sure a vectorizer module is configured for this collection`,
    );
  }
  let hits: Hit[];
  let autocutBy: ((hit: Hit) => number) | undefined;
  if (plan.bm25) {
    if (plan.vector) {
      throw new Error("conflict: both near<Media> and keyword-based (bm25) arguments present, choose one");
    }
    if (plan.bm25.query === "") throw new Error("keyword search (bm25) must have query set");
    hits = bm25Search(corpus, schema, plan.bm25, allow);
    autocutBy = (hit) => hit.score ?? 0;
  } else if (plan.vector) {
    hits = vectorHits(plan, corpus.filter(allow), shard.objects.get(plan.vector.objectId ?? ""));
    autocutBy = (hit) => hit.distance ?? 0;
  } else if (plan.hybrid && request.hybridSearch) {
    hits = hybridSearch(request.hybridSearch, schema, corpus, allow, plan.hybrid);
    autocutBy = (hit) => hit.score ?? 0;
  } else {
    hits = fetchOrder(corpus.filter(allow), plan).map((object) => ({ object }));
  }
  if (request.generative) throw new Error("explorer: get class: extend: unknown capability: generate");
  if (request.rerank) throw new Error("explorer: get class: extend: unknown capability: rerank");

  const context: ReplyContext = {
    store,
    tenant,
    schema,
    selection: plan.selection,
    metadata: request.metadata,
    certainty: plan.certainty,
  };
  const took = () => (performance.now() - started) / 1000;
  if (request.groupBy) {
    return {
      took: took(),
      generativeGroupedResult: "",
      groupByResults: groupHits(hits.slice(0, plan.limit), request.groupBy, context),
    };
  }
  let page = hits.slice(plan.offset, plan.offset + plan.limit);
  if (plan.autocut > 0 && autocutBy) page = page.slice(0, autocut(page.map(autocutBy), plan.autocut));
  return {
    took: took(),
    generativeGroupedResult: "",
    results: page.map((hit) => searchResult(hit, context)),
  };
}

/** The search that needs a vectorizer module, which this backend does not have: nearText or near-media. */
function vectorizerSearch(request: SearchRequest): string | undefined {
  if (request.nearText || request.hybridSearch?.nearText) return "nearText";
  return MEDIA.find((key) => request[key] !== undefined);
}

function vectorHits(
  plan: SearchPlan,
  candidates: StoredObject[],
  nearObject: StoredObject | undefined,
): Hit[] {
  const vector = plan.vector!;
  let queries = vector.queries;
  if (!queries) {
    if (!nearObject) {
      throw new Error(
        `explorer: get class: vectorize params: nearObject: object with id ${vector.objectId} not found`,
      );
    }
    queries = vector.targets.targets.map((target) => {
      const found = nearObject.vectors.get(target);
      if (!found)
        throw new Error(
          `explorer: get class: vectorize params: nearObject: object has no vector "${target}"`,
        );
      return found;
    });
  }
  let hits = vectorSearch(candidates, { ...vector.targets, vectors: queries });
  if (vector.distance !== undefined) hits = hits.filter((h) => h.distance <= (vector.distance ?? 0));
  if (vector.certainty !== undefined)
    hits = hits.filter((h) => certaintyOf(h.distance) >= (vector.certainty ?? 0));
  return hits;
}

/** Without a search: insertion order, `sort_by`, or the cursor's UUID order after `after`. */
function fetchOrder(objects: StoredObject[], plan: SearchPlan): StoredObject[] {
  if (plan.after !== undefined) {
    const after = plan.after;
    return objects.filter((o) => o.id > after).sort((a, b) => (a.id < b.id ? -1 : 1));
  }
  return plan.sort ? [...objects].sort(plan.sort) : objects;
}

/** The cursor API's rules (entities/filters/cursor_validator.go). */
function checkCursor(request: SearchRequest, plan: SearchPlan): void {
  const clashes = [plan.offset > 0 && "offset", plan.filter && "where", plan.sort && "sort"].filter(Boolean);
  const prefix = "explorer: cursor api: invalid 'after' parameter";
  if (clashes.length > 0)
    throw new Error(`${prefix}: ${clashes.join(",")} cannot be set with after and limit parameters`);
  try {
    plan.after = parseUuid(request.after ?? "");
  } catch (error) {
    throw new Error(
      `${prefix}: after parameter '${request.after}' is not a valid uuid: ${(error as Error).message}`,
    );
  }
}
