import {
  type Hybrid,
  Hybrid_FusionType,
  SearchOperatorOptions_Operator,
} from "../../src/gen/v1/base_search.js";
import { bm25Search } from "./bm25.js";
import { readFloat32s } from "./little-endian.js";
import { decodeVectors, nearVectorQueries, type QueryVector } from "./query-vectors.js";
import type { CollectionSchema } from "./schema.js";
import type { StoredObject } from "./store.js";
import type { ResolvedTargets } from "./targets.js";
import { certaintyOf, vectorSearch } from "./vector-search.js";

export interface FusedHit {
  object: StoredObject;
  score: number;
  explain: string;
}

interface ResultSet {
  name: string;
  weight: number;
  /** Best first, with the value fusion works on: the BM25 score, or 1 - distance for vectors. */
  hits: { object: StoredObject; value: number }[];
}

// QUERY_HYBRID_MAXIMUM_RESULTS: how deep each leg of a hybrid search fetches.
const LEG_DEPTH = 100;
// Weaviate's default alpha when `use_alpha_param` is set without `alpha_param`.
const DEFAULT_ALPHA = 0.75;

/**
 * Hybrid search as Weaviate runs it (usecases/traverser/explorer_hybrid.go, hybrid/hybrid_fusion.go): a
 * keyword (BM25) leg weighted 1 - alpha and a vector leg weighted alpha, either skipped when its weight is 0,
 * fused by relative score (the default: each leg's values rescaled to [0, 1], then weighted and summed) or by
 * rank (weight / (rank + 60)). A `vector_distance` threshold trims the vector leg and drops keyword hits that
 * are not within it. There is no vectorizer, so the vector leg needs an explicit vector.
 */
export function hybridSearch(
  hybrid: Hybrid,
  schema: CollectionSchema,
  corpus: readonly StoredObject[],
  allow: (object: StoredObject) => boolean,
  resolved: ResolvedTargets,
): FusedHit[] {
  const alpha = hybrid.useAlphaParam ? (hybrid.alphaParam ?? DEFAULT_ALPHA) : (hybrid.alpha ?? 0);
  const sets: ResultSet[] = [];
  let withinCutoff: Set<StoredObject> | undefined;
  if (alpha > 0) {
    const queries = hybridQueries(hybrid, schema, resolved);
    let hits = vectorSearch(corpus.filter(allow), { ...resolved, vectors: queries });
    const sub = hybrid.nearVector;
    if (sub?.distance !== undefined) hits = hits.filter((h) => h.distance <= (sub.distance ?? 0));
    if (sub?.certainty !== undefined)
      hits = hits.filter((h) => certaintyOf(h.distance) >= (sub.certainty ?? 0));
    hits = hits.slice(0, LEG_DEPTH);
    if (hybrid.vectorDistance !== undefined) {
      hits = hits.filter((h) => h.distance <= (hybrid.vectorDistance ?? 0));
      withinCutoff = new Set(hits.map((h) => h.object));
    }
    const name = hybrid.nearVector ? "vector,nearVector" : "vector,hybridVector";
    sets.push({ name, weight: alpha, hits: hits.map((h) => ({ object: h.object, value: 1 - h.distance })) });
  }
  if (alpha < 1 && (hybrid.query ?? "") !== "") {
    const operator = hybrid.bm25SearchOperator;
    let hits = bm25Search(
      corpus,
      schema,
      {
        query: hybrid.query ?? "",
        properties: hybrid.properties ?? [],
        operator: operator?.operator === SearchOperatorOptions_Operator.OPERATOR_AND ? "and" : "or",
        minimumMatch: operator?.minimumOrTokensMatch,
      },
      allow,
    ).slice(0, LEG_DEPTH);
    if (withinCutoff) hits = hits.filter((h) => withinCutoff.has(h.object));
    sets.unshift({
      name: "keyword,bm25",
      weight: 1 - alpha,
      hits: hits.map((h) => ({ object: h.object, value: h.score })),
    });
  }
  return hybrid.fusionType === Hybrid_FusionType.FUSION_TYPE_RANKED
    ? fuseRanked(sets)
    : fuseRelativeScore(sets);
}

/** The vector leg's query: `vectors` (one), `vector_bytes`, `vector`, or the `near_vector` sub-search. */
function hybridQueries(hybrid: Hybrid, schema: CollectionSchema, resolved: ResolvedTargets): QueryVector[] {
  let vector: QueryVector | undefined;
  const vectors = hybrid.vectors ?? [];
  if (vectors.length > 1) throw new Error(`hybrid: only 1 vector supported, found ${vectors.length} vectors`);
  if (vectors.length === 1) vector = decodeVectors(vectors[0], "hybrid");
  else if (hybrid.vectorBytes?.length) vector = readFloat32s(hybrid.vectorBytes);
  else if (hybrid.vector?.length) vector = hybrid.vector;
  if (hybrid.nearVector) return nearVectorQueries(hybrid.nearVector, resolved.targets, schema);
  if (vector) return resolved.targets.map(() => vector);
  throw new Error(
    `VectorFromInput was called without vectorizer on class ${schema.name} for input ${hybrid.query ?? ""}`,
  );
}

function fuseRanked(sets: ResultSet[]): FusedHit[] {
  const fused = new Map<StoredObject, FusedHit & { secondary: number }>();
  for (const set of sets) {
    set.hits.forEach((hit, rank) => {
      const score = Math.fround(set.weight / (rank + 60));
      const line = `Hybrid (Result Set ${set.name}) Document ${hit.object.id} contributed ${score} to the score`;
      accumulate(fused, hit, score, line);
    });
  }
  return sortFused(fused);
}

function fuseRelativeScore(sets: ResultSet[]): FusedHit[] {
  const fused = new Map<StoredObject, FusedHit & { secondary: number }>();
  for (const set of sets) {
    const values = set.hits.map((h) => h.value);
    const max = Math.max(...values);
    const min = Math.min(...values);
    for (const hit of set.hits) {
      const score = Math.fround(max === min ? set.weight : (set.weight * (hit.value - min)) / (max - min));
      const line = `Hybrid (Result Set ${set.name}) Document ${hit.object.id}: original score ${hit.value}, normalized score: ${score}`;
      accumulate(fused, hit, score, line);
    }
  }
  return sortFused(fused);
}

function accumulate(
  fused: Map<StoredObject, FusedHit & { secondary: number }>,
  hit: { object: StoredObject; value: number },
  score: number,
  line: string,
): void {
  const previous = fused.get(hit.object);
  fused.set(hit.object, {
    object: hit.object,
    score: (previous?.score ?? 0) + score,
    explain: previous ? `${previous.explain}\n${line}` : line,
    secondary: hit.value,
  });
}

/** Highest score first; ties by the leg's own value, then by id, as Weaviate sorts fused results. */
function sortFused(fused: Map<StoredObject, FusedHit & { secondary: number }>): FusedHit[] {
  return [...fused.values()]
    .sort((a, b) => b.score - a.score || b.secondary - a.secondary || (a.object.id < b.object.id ? -1 : 1))
    .map(({ object, score, explain }) => ({ object, score, explain }));
}
