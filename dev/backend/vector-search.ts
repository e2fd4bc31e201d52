import type { QueryVector } from "./query-vectors.js";
import type { StoredObject } from "./store.js";
import type { Combination } from "./targets.js";

export interface VectorHit {
  object: StoredObject;
  distance: number;
}

export interface VectorQuery {
  targets: string[];
  vectors: QueryVector[];
  combination: Combination;
}

/**
 * Exhaustive vector search, nearest first. Distances are cosine (1 - cos), Weaviate's default metric. A
 * multi-vector target uses late interaction as Weaviate's multi-vector index does: the sum, over the query's
 * rows, of the smallest distance to any of the object's rows (MaxSim). Several targets combine per
 * `combination`; objects lacking a target vector are skipped, since no distance can be computed for them.
 */
export function vectorSearch(objects: Iterable<StoredObject>, query: VectorQuery): VectorHit[] {
  const rows: { object: StoredObject; distances: number[] }[] = [];
  for (const object of objects) {
    const distances: number[] = [];
    for (let i = 0; i < query.targets.length; i++) {
      const stored = object.vectors.get(query.targets[i]);
      if (!stored || stored.length === 0) break;
      distances.push(distance(query.vectors[i], stored));
    }
    if (distances.length === query.targets.length) rows.push({ object, distances });
  }
  const combined = combine(
    rows.map((r) => r.distances),
    query.combination,
  );
  return rows
    .map((row, i) => ({ object: row.object, distance: combined[i] }))
    .sort((a, b) => a.distance - b.distance);
}

/** Certainty is defined for cosine distance only: certainty = 1 - distance / 2. */
export function certaintyOf(distance: number): number {
  return 1 - distance / 2;
}

export function distance(query: QueryVector, stored: QueryVector): number {
  const queryMulti = Array.isArray(query[0]);
  const storedMulti = Array.isArray(stored[0]);
  if (queryMulti && storedMulti) {
    const docRows = stored as number[][];
    return (query as number[][]).reduce(
      (sum, q) => sum + Math.min(...docRows.map((d) => cosineDistance(q, d))),
      0,
    );
  }
  if (queryMulti || storedMulti)
    throw new Error("vector search: cannot compare a multi vector with a regular vector");
  return cosineDistance(query as number[], stored as number[]);
}

export function cosineDistance(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length)
    throw new Error(`vector search: vector lengths don't match: ${a.length} vs ${b.length}`);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  if (na === 0 || nb === 0) return 1;
  // Rounded to float32, the precision Weaviate computes and reports distances in.
  return Math.fround(1 - dot / Math.sqrt(na * nb));
}

/**
 * Combines per-target distances. MIN takes the smallest; SUM, AVERAGE and MANUAL are weighted sums;
 * RELATIVE_SCORE first rescales each target's distances to [0, 1] over the candidates, then sums them
 * weighted, so targets with different distance ranges count alike.
 */
function combine(distances: number[][], combination: Combination): number[] {
  if (distances.length === 0) return [];
  const width = distances[0].length;
  if (width === 1) return distances.map((d) => d[0]);
  if (combination.kind === "min") return distances.map((d) => Math.min(...d));
  let columns = distances;
  if (combination.kind === "relativeScore") {
    const min = Array.from({ length: width }, (_, t) => Math.min(...distances.map((d) => d[t])));
    const max = Array.from({ length: width }, (_, t) => Math.max(...distances.map((d) => d[t])));
    columns = distances.map((d) =>
      d.map((v, t) => (max[t] === min[t] ? 0 : (v - min[t]) / (max[t] - min[t]))),
    );
  }
  return columns.map((d) => d.reduce((sum, v, t) => sum + v * (combination.weights[t] ?? 1), 0));
}
