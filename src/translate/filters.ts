import { type Filters, Filters_Operator, type FilterTarget } from "../gen/v1/base.js";
import type {
  Filter,
  FilterLeaf,
  FilterOperator,
  FilterProperty,
  ReferencePath,
} from "../schemas/filters.js";

/**
 * The one filter translator (search, delete and aggregate all use it). Targets go through `FilterTarget`
 * as current clients send them, never the deprecated `on` path.
 */

const OPERATORS: Readonly<Record<FilterOperator, Filters_Operator>> = {
  equal: Filters_Operator.OPERATOR_EQUAL,
  notEqual: Filters_Operator.OPERATOR_NOT_EQUAL,
  greaterThan: Filters_Operator.OPERATOR_GREATER_THAN,
  greaterThanEqual: Filters_Operator.OPERATOR_GREATER_THAN_EQUAL,
  lessThan: Filters_Operator.OPERATOR_LESS_THAN,
  lessThanEqual: Filters_Operator.OPERATOR_LESS_THAN_EQUAL,
  like: Filters_Operator.OPERATOR_LIKE,
  isNull: Filters_Operator.OPERATOR_IS_NULL,
  containsAny: Filters_Operator.OPERATOR_CONTAINS_ANY,
  containsAll: Filters_Operator.OPERATOR_CONTAINS_ALL,
  containsNone: Filters_Operator.OPERATOR_CONTAINS_NONE,
  withinGeoRange: Filters_Operator.OPERATOR_WITHIN_GEO_RANGE,
};

export function toFilters(filter: Filter): Filters {
  if ("and" in filter) return { operator: Filters_Operator.OPERATOR_AND, filters: filter.and.map(toFilters) };
  if ("or" in filter) return { operator: Filters_Operator.OPERATOR_OR, filters: filter.or.map(toFilters) };
  if ("not" in filter) return { operator: Filters_Operator.OPERATOR_NOT, filters: [toFilters(filter.not)] };
  return {
    operator: OPERATORS[filter.operator],
    target: toTarget(filter.property),
    ...toValue(normaliseValue(filter)),
  };
}

function toTarget(property: FilterProperty): FilterTarget {
  if (typeof property === "string") return { property };
  if ("referenceCount" in property) return { count: { on: property.referenceCount } };
  return toReferenceTarget(property);
}

function toReferenceTarget(path: ReferencePath): FilterTarget {
  const target = toTarget(path.property);
  return path.collection
    ? { multiTarget: { on: path.reference, target, targetCollection: path.collection } }
    : { singleTarget: { on: path.reference, target } };
}

const isInt = (n: number) => Number.isSafeInteger(n);

const TIMESTAMPS = new Set(["_creationTimeUnix", "_lastUpdateTimeUnix"]);

/**
 * Weaviate parses `_creationTimeUnix` / `_lastUpdateTimeUnix` filter values from text: epoch milliseconds
 * ("1767323045000") or an RFC 3339 date, as its REST docs and the TS client (`byCreationTime()`) send
 * them; a JSON number is sent as its decimal text. `_id` values are lowercased (UUIDs are stored so).
 */
function normaliseValue(leaf: FilterLeaf): FilterLeaf {
  const v = leaf.value;
  if (leaf.property === "_id") {
    if (typeof v === "string") return { ...leaf, value: v.toLowerCase() };
    if (Array.isArray(v)) return { ...leaf, value: v.map((x) => String(x).toLowerCase()) };
  }
  if (typeof leaf.property !== "string" || !TIMESTAMPS.has(leaf.property)) return leaf;
  if (typeof v === "number") return { ...leaf, value: String(v) };
  if (Array.isArray(v)) return { ...leaf, value: v.map(String) };
  return leaf;
}

/**
 * JSON has one number type. Integers go as int (Weaviate converts them for number properties) and other
 * numbers as double; an int array with one fraction becomes a number array. Dates and UUIDs are text
 * (weaviate-wire.md §2: dates as RFC 3339 in value_text, UUIDs compared as text).
 */
function toValue(leaf: FilterLeaf): Partial<Filters> {
  const v = leaf.value;
  if (v === undefined) return {};
  if (typeof v === "string") return { valueText: v };
  if (typeof v === "boolean") return { valueBoolean: v };
  if (typeof v === "number") return isInt(v) ? { valueInt: BigInt(v) } : { valueNumber: v };
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x === "string")) return { valueTextArray: { values: v as string[] } };
    if (v.every((x) => typeof x === "boolean")) return { valueBooleanArray: { values: v as boolean[] } };
    const nums = v as number[];
    return nums.every(isInt)
      ? { valueIntArray: { values: nums.map(BigInt) } }
      : { valueNumberArray: { values: nums } };
  }
  return { valueGeo: { latitude: v.latitude, longitude: v.longitude, distance: v.distance } };
}
