import {
  type BM25,
  CombinationMethod,
  type Hybrid,
  Hybrid_FusionType,
  type NearObject,
  type NearTextSearch,
  type NearTextSearch_Move,
  type NearVector,
  type SearchOperatorOptions,
  SearchOperatorOptions_Operator,
  type Selection,
  type Targets,
} from "../gen/v1/base_search.js";
import type { AnyVector } from "../schemas/common.js";
import type {
  Bm25Input,
  HybridInput,
  NearMediaInput,
  NearObjectInput,
  NearTextInput,
  NearVectorInput,
  Targeting,
} from "../schemas/search-operators.js";
import { targetList } from "../schemas/search-operators.js";
import { toVectors } from "./vectors.js";

/** JSON search operators → base_search.proto messages, shaped as the official clients send them. */

const COMBINATION: Readonly<Record<string, CombinationMethod>> = {
  sum: CombinationMethod.COMBINATION_METHOD_TYPE_SUM,
  min: CombinationMethod.COMBINATION_METHOD_TYPE_MIN,
  average: CombinationMethod.COMBINATION_METHOD_TYPE_AVERAGE,
  relativeScore: CombinationMethod.COMBINATION_METHOD_TYPE_RELATIVE_SCORE,
  manual: CombinationMethod.COMBINATION_METHOD_TYPE_MANUAL,
};

export function isNamed(vector: NearVectorInput["vector"]): vector is Record<string, AnyVector> {
  return !Array.isArray(vector);
}

/** Named-vector targets, combination and weights (weights in the order of target_vectors). */
export function toTargets(t: Targeting, names?: readonly string[]): Targets | undefined {
  const targetVectors = targetList(t, names);
  if (!targetVectors?.length) return undefined;
  return {
    targetVectors: [...targetVectors],
    combination: t.combination ? COMBINATION[t.combination] : undefined,
    weightsForTargets: t.weights
      ? targetVectors
          .filter((name) => t.weights?.[name] !== undefined)
          .map((target) => ({ target, weight: t.weights![target] }))
      : undefined,
  };
}

function toSelection(s: { mmr: { limit?: number; balance?: number } } | undefined): Selection | undefined {
  return s ? { mmr: { limit: s.mmr.limit, balance: s.mmr.balance } } : undefined;
}

/**
 * As the official clients do on Weaviate ≥1.29: one `Vectors` entry for a plain or multi vector, or one
 * `VectorForTarget` per named vector with `targets` listing the names in the same order.
 */
export function toNearVector(nv: NearVectorInput): NearVector {
  const base = { distance: nv.distance, certainty: nv.certainty, selection: toSelection(nv.selection) };
  if (!isNamed(nv.vector)) return { ...base, vectors: [toVectors(nv.vector)], targets: toTargets(nv) };
  const named = nv.vector;
  const targets = toTargets(nv, Object.keys(named));
  return {
    ...base,
    targets,
    vectorForTargets: (targets?.targetVectors ?? []).map((name) => ({
      name,
      vectors: [toVectors(named[name], name)],
    })),
  };
}

function toMove(m: NearTextInput["moveTo"]): NearTextSearch_Move | undefined {
  return m ? { force: m.force, concepts: m.concepts ?? [], uuids: m.objects ?? [] } : undefined;
}

export function toNearText(nt: NearTextInput): NearTextSearch {
  return {
    query: typeof nt.query === "string" ? [nt.query] : nt.query,
    distance: nt.distance,
    certainty: nt.certainty,
    moveTo: toMove(nt.moveTo),
    moveAway: toMove(nt.moveAway),
    targets: toTargets(nt),
    selection: toSelection(nt.selection),
  };
}

export function toNearObject(no: NearObjectInput): NearObject {
  return {
    id: no.id,
    distance: no.distance,
    certainty: no.certainty,
    targets: toTargets(no),
    selection: toSelection(no.selection),
  };
}

/** The six near-media messages share one layout; only the name of the base64 field differs. */
export function toNearMedia<K extends string>(
  field: K,
  m: Omit<NearMediaInput, "media"> & { media: string },
) {
  return {
    [field]: m.media,
    distance: m.distance,
    certainty: m.certainty,
    targets: toTargets(m),
    selection: toSelection(m.selection),
  } as Record<K, string> & {
    distance?: number;
    certainty?: number;
    targets?: Targets;
    selection?: Selection;
  };
}

function toOperatorOptions(
  o: Pick<Bm25Input, "operator" | "minimumMatch">,
): SearchOperatorOptions | undefined {
  if (!o.operator && o.minimumMatch === undefined) return undefined;
  // minimum_or_tokens_match is read only with OR, so a bare minimumMatch means OR (as the clients do).
  return o.operator === "and"
    ? { operator: SearchOperatorOptions_Operator.OPERATOR_AND }
    : { operator: SearchOperatorOptions_Operator.OPERATOR_OR, minimumOrTokensMatch: o.minimumMatch };
}

export function toBm25(b: Bm25Input): BM25 {
  return { query: b.query, properties: b.properties ?? [], searchOperator: toOperatorOptions(b) };
}

const FUSION = {
  ranked: Hybrid_FusionType.FUSION_TYPE_RANKED,
  relativeScore: Hybrid_FusionType.FUSION_TYPE_RELATIVE_SCORE,
} as const;

/**
 * Alpha: Weaviate ≥1.36 reads `alpha_param` when `use_alpha_param` is true and falls back to its own
 * default (0.75) when it is unset, so an omitted alpha means "Weaviate's default", not a default of ours.
 * Older servers ignore both new fields and read the deprecated `alpha` (field 4), where an unset value is
 * 0 = pure BM25 (weaviate-wire.md §3 Hybrid, §10.5); so field 4 always carries the same value, 0.75 when
 * the caller gave none, and both generations of server compute the same fusion.
 */
const SERVER_DEFAULT_ALPHA = 0.75;

export function toHybrid(h: HybridInput): Hybrid {
  // Targets belong to the Hybrid message (the sub-search's own are ignored), and named vectors of a
  // nearVector sub-search must be listed in the order of those targets.
  const targeting = { targetVector: h.targetVector, combination: h.combination, weights: h.weights };
  const nearVector = h.nearVector ? toNearVector({ ...h.nearVector, ...targeting }) : undefined;
  return {
    query: h.query,
    properties: h.properties ?? [],
    alpha: h.alpha ?? SERVER_DEFAULT_ALPHA,
    useAlphaParam: true,
    alphaParam: h.alpha,
    fusionType: h.fusion ? FUSION[h.fusion] : undefined,
    vectors: h.vector ? [toVectors(h.vector)] : undefined,
    nearVector: nearVector ? { ...nearVector, targets: undefined } : undefined,
    nearText: h.nearText ? toNearText(h.nearText) : undefined,
    targets: nearVector?.targets ?? toTargets(h),
    bm25SearchOperator: toOperatorOptions(h),
    vectorDistance: h.maxVectorDistance,
    selection: toSelection(h.selection),
  };
}
