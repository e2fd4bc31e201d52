import { Filters_Operator } from "../../src/gen/v1/base.js";
import type { TestValue } from "./filter-values.js";
import type { DataType, Tokenization } from "./schema.js";
import type { StoredObject } from "./store.js";
import { tokenize } from "./tokenize.js";

/** What a leaf filter compares: a property's element type, its tokenization and a reader of its values. */
export interface LeafTarget {
  dataType: DataType;
  tokenization: Tokenization;
  /** The property's values as a list (one element for a scalar); empty when missing or an empty list. */
  read: (object: StoredObject) => unknown[];
}

type Check = (elements: unknown[]) => boolean;

/**
 * The comparison of one leaf filter. A list property matches when any element matches, as Weaviate's
 * inverted index does. Text compares tokens: EQUAL holds when every token of the value occurs in the
 * property, LIKE matches `*` and `?` wildcards per token, and the range operators compare tokens as strings.
 * NOT_EQUAL and CONTAINS_NONE are complements, so an object without the property satisfies them.
 */
export function leafCheck(operator: Filters_Operator, target: LeafTarget, value: TestValue): Check {
  const test = value.values.map((v) => normalise(target.dataType, v));
  const equals = (expected: unknown): Check =>
    target.dataType === "text"
      ? (elements) => textEquals(elements as string[], String(expected), target.tokenization)
      : (elements) => elements.some((e) => normalise(target.dataType, e) === expected);
  switch (operator) {
    case Filters_Operator.OPERATOR_EQUAL:
      return equals(test[0]);
    case Filters_Operator.OPERATOR_NOT_EQUAL: {
      const eq = equals(test[0]);
      return (elements) => !eq(elements);
    }
    case Filters_Operator.OPERATOR_GREATER_THAN:
      return range(target, test[0], (c) => c > 0);
    case Filters_Operator.OPERATOR_GREATER_THAN_EQUAL:
      return range(target, test[0], (c) => c >= 0);
    case Filters_Operator.OPERATOR_LESS_THAN:
      return range(target, test[0], (c) => c < 0);
    case Filters_Operator.OPERATOR_LESS_THAN_EQUAL:
      return range(target, test[0], (c) => c <= 0);
    case Filters_Operator.OPERATOR_LIKE: {
      const pattern = likePattern(String(test[0]), target.tokenization);
      return (elements) => tokensOf(elements as string[], target.tokenization).some((t) => pattern.test(t));
    }
    case Filters_Operator.OPERATOR_IS_NULL:
      return (elements) => (elements.length === 0) === test[0];
    case Filters_Operator.OPERATOR_CONTAINS_ANY:
      return (elements) => test.some((t) => equals(t)(elements));
    case Filters_Operator.OPERATOR_CONTAINS_ALL:
      return (elements) => elements.length > 0 && test.every((t) => equals(t)(elements));
    case Filters_Operator.OPERATOR_CONTAINS_NONE:
      return (elements) => !test.some((t) => equals(t)(elements));
    case Filters_Operator.OPERATOR_WITHIN_GEO_RANGE: {
      const geo = value.geo!;
      return (elements) =>
        (elements as { latitude: number; longitude: number }[]).some(
          (e) => haversineMetres(e, geo) <= geo.distance,
        );
    }
    default:
      throw new Error(`unknown filter operator ${Filters_Operator[operator] ?? operator}`);
  }
}

/** Dates compare as epoch milliseconds, uuids case-insensitively. */
export function normalise(dataType: DataType, value: unknown): unknown {
  if (dataType === "date") return typeof value === "number" ? value : toMillis(String(value));
  if (dataType === "uuid") return String(value).toLowerCase();
  return value;
}

/** A date test value: RFC3339, or epoch milliseconds as digits (the form `_creationTimeUnix` is stored in). */
export function toMillis(text: string): number {
  const ms = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  if (Number.isNaN(ms))
    throw new Error(`parse date "${text}": expected an RFC3339 timestamp or epoch milliseconds`);
  return ms;
}

function textEquals(elements: string[], value: string, tokenization: Tokenization): boolean {
  const wanted = tokenize(value, tokenization);
  if (wanted.length === 0) return false;
  const have = new Set(tokensOf(elements, tokenization));
  return wanted.every((t) => have.has(t));
}

function tokensOf(elements: string[], tokenization: Tokenization): string[] {
  return elements.flatMap((e) => tokenize(String(e), tokenization));
}

function range(target: LeafTarget, expected: unknown, accept: (comparison: number) => boolean): Check {
  if (target.dataType === "text") {
    const bound = tokenize(String(expected), target.tokenization)[0] ?? "";
    return (elements) =>
      tokensOf(elements as string[], target.tokenization).some((t) =>
        accept(t === bound ? 0 : t > bound ? 1 : -1),
      );
  }
  return (elements) =>
    elements.some((e) => {
      const a = normalise(target.dataType, e) as number | string | boolean;
      const b = expected as number | string | boolean;
      return accept(a === b ? 0 : a > b ? 1 : -1);
    });
}

function likePattern(value: string, tokenization: Tokenization): RegExp {
  const text = tokenization === "word" || tokenization === "lowercase" ? value.toLowerCase() : value;
  const source = [...text].map((c) =>
    c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&"),
  );
  return new RegExp(`^${source.join("")}$`, "s");
}

/** Great-circle distance in metres, as WITHIN_GEO_RANGE's `distance` is given. */
function haversineMetres(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
) {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h)));
}
