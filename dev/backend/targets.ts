import { CombinationMethod, type Targets } from "../../src/gen/v1/base_search.js";
import { type CollectionSchema, hasLegacyVector, namedVectors } from "./schema.js";

export type CombinationKind = "min" | "sum" | "average" | "manual" | "relativeScore";

/** How the distances to several target vectors combine into one; weights are in target order. */
export interface Combination {
  kind: CombinationKind;
  weights: number[];
}

export interface ResolvedTargets {
  /** Vector index names to search; "" is the unnamed vector. */
  targets: string[];
  combination: Combination;
}

/**
 * The target vectors of a vector search, as Weaviate's `extractTargetVectors` and `extractTargets` work them
 * out (adapters/handlers/grpc/v1/parse_search_request.go): `Targets` wins over the deprecated
 * `target_vectors`; with no target the unnamed vector is used, or the only named vector, and several named
 * vectors without a target are an error. SUM weighs every target 1, AVERAGE 1/n, MANUAL and RELATIVE_SCORE
 * take `weights_for_targets` (same order as the targets); the default is MIN.
 */
export function resolveTargets(
  schema: CollectionSchema,
  targetsMessage: Targets | undefined,
  deprecatedTargets: string[] | undefined,
): ResolvedTargets {
  let targets = targetsMessage ? [...(targetsMessage.targetVectors ?? [])] : [...(deprecatedTargets ?? [])];
  const combination = targetsMessage
    ? combinationOf(targetsMessage, targets)
    : { kind: "min" as const, weights: [] };
  const named = namedVectors(schema);
  if (targets.length === 0) {
    if (hasLegacyVector(schema)) targets = [""];
    else if (named.length > 1) {
      throw new Error(
        `extract target vectors: class ${schema.name} has multiple vectors, but no target vectors were provided`,
      );
    } else targets = named;
  }
  for (const target of targets) {
    if (target !== "" && !schema.vectors.has(target)) {
      throw new Error(
        `extract target vectors: class ${schema.name} does not have named vector ${target} configured. Available named vectors [${named.join(" ")}]`,
      );
    }
  }
  if (combination.weights.length === 0) combination.weights = targets.map(() => 1);
  return { targets, combination };
}

function combinationOf(message: Targets, targets: string[]): Combination {
  switch (message.combination ?? CombinationMethod.COMBINATION_METHOD_UNSPECIFIED) {
    case CombinationMethod.COMBINATION_METHOD_TYPE_SUM:
      return { kind: "sum", weights: targets.map(() => 1) };
    case CombinationMethod.COMBINATION_METHOD_TYPE_AVERAGE:
      return { kind: "average", weights: targets.map(() => 1 / targets.length) };
    case CombinationMethod.COMBINATION_METHOD_TYPE_MIN:
    case CombinationMethod.COMBINATION_METHOD_UNSPECIFIED:
      return { kind: "min", weights: [] };
    case CombinationMethod.COMBINATION_METHOD_TYPE_MANUAL:
      return { kind: "manual", weights: weightsOf(message, targets) };
    case CombinationMethod.COMBINATION_METHOD_TYPE_RELATIVE_SCORE:
      return { kind: "relativeScore", weights: weightsOf(message, targets) };
    default:
      throw new Error(`extract target vectors: unknown combination method ${message.combination}`);
  }
}

function weightsOf(message: Targets, targets: string[]): number[] {
  const weights = message.weightsForTargets ?? [];
  if (weights.length !== targets.length) {
    throw new Error(
      `extract target vectors: number of weights (${weights.length}) does not match number of targets (${targets.length})`,
    );
  }
  return weights.map((w, i) => {
    if (w.target !== targets[i])
      throw new Error(`extract target vectors: target vector ${w.target} not found in target vectors`);
    return w.weight ?? 0;
  });
}
