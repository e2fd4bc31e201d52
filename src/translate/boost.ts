import {
  type Boost,
  type Boost_Condition,
  Boost_DecayCurve,
  Boost_PropertyValueModifier,
} from "../gen/v1/search_get.js";
import type { BoostConditionInput, BoostInput } from "../schemas/boost.js";
import { toFilters } from "./filters.js";

/** `boost` → SearchRequest.boost; filters go through the one filter translator. */

const CURVE = {
  gauss: Boost_DecayCurve.DECAY_CURVE_GAUSS,
  linear: Boost_DecayCurve.DECAY_CURVE_LINEAR,
  exponential: Boost_DecayCurve.DECAY_CURVE_EXPONENTIAL,
} as const;

const MODIFIER = {
  log1p: Boost_PropertyValueModifier.PROPERTY_VALUE_MODIFIER_LOG1P,
  sqrt: Boost_PropertyValueModifier.PROPERTY_VALUE_MODIFIER_SQRT,
} as const;

export function toBoost(b: BoostInput): Boost {
  return { conditions: b.conditions.map(toCondition), weight: b.weight, depth: b.depth };
}

function toCondition(c: BoostConditionInput): Boost_Condition {
  const curve = (d: { curve?: keyof typeof CURVE }) => (d.curve ? CURVE[d.curve] : undefined);
  return {
    weight: c.weight,
    filter: c.filter ? toFilters(c.filter) : undefined,
    timeDecay: c.timeDecay && { ...c.timeDecay, curve: curve(c.timeDecay) },
    numericDecay: c.numericDecay && { ...c.numericDecay, curve: curve(c.numericDecay) },
    propertyValue: c.propertyValue && {
      property: c.propertyValue.property,
      modifier: c.propertyValue.modifier ? MODIFIER[c.propertyValue.modifier] : undefined,
    },
  };
}
