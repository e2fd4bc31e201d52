import * as z from "zod";
import { Finite, PropertyName } from "./common.js";
import { FilterSchema } from "./filters.js";

/**
 * `boost`: score boosting (SearchRequest.boost, Weaviate ≥1.38). Each condition is exactly one of a filter
 * (matching objects are boosted), a time decay, a numeric decay or a property value, with its own weight;
 * `weight` is the share of the boost in the final score (server default 0.5) and `depth` how many
 * candidates are rescored. Shapes mirror search_get.proto `Boost`.
 */

const Curve = z.enum(["gauss", "linear", "exponential"]);

const TimeDecay = z.strictObject({
  property: PropertyName,
  /** RFC 3339 date or "now". */
  origin: z.string().min(1),
  /** A duration such as "7d" or "12h". */
  scale: z.string().min(1),
  offset: z.string().min(1).optional(),
  curve: Curve.optional(),
  decayValue: z.number().gt(0).lt(1).optional(),
});

const NumericDecay = z.strictObject({
  property: PropertyName,
  origin: Finite,
  scale: Finite.positive(),
  offset: Finite.min(0).optional(),
  curve: Curve.optional(),
  decayValue: z.number().gt(0).lt(1).optional(),
});

const PropertyValue = z.strictObject({
  property: PropertyName,
  modifier: z.enum(["log1p", "sqrt"]).optional(),
});

const CONDITION_KINDS = ["filter", "timeDecay", "numericDecay", "propertyValue"] as const;

export const BoostConditionSchema = z
  .strictObject({
    filter: FilterSchema.optional(),
    timeDecay: TimeDecay.optional(),
    numericDecay: NumericDecay.optional(),
    propertyValue: PropertyValue.optional(),
    weight: Finite.optional(),
  })
  .refine(
    (c) => CONDITION_KINDS.filter((k) => c[k] !== undefined).length === 1,
    `a condition is exactly one of ${CONDITION_KINDS.join(", ")}`,
  );
export type BoostConditionInput = z.infer<typeof BoostConditionSchema>;

export const BoostSchema = z.strictObject({
  conditions: z.array(BoostConditionSchema).min(1),
  weight: z.number().min(0).max(1).optional(),
  depth: z.int().min(1).optional(),
});
export type BoostInput = z.infer<typeof BoostSchema>;
