import type { SortBy } from "../../src/gen/v1/search_get.js";
import { type CollectionSchema, findProperty, noSuchPropertyMessage } from "./schema.js";
import type { StoredObject } from "./store.js";

type Comparator = (a: StoredObject, b: StoredObject) => number;

/**
 * `sort_by` as Weaviate validates and applies it (entities/filters/sort_validator.go,
 * adapters/repos/db/sorter): a path of exactly one property, or `_id`, `_creationTimeUnix`,
 * `_lastUpdateTimeUnix`; no uuid or reference properties. Text compares case-insensitively, lists element
 * by element then by length, and a missing value sorts first ascending and last descending.
 */
export function sortComparator(sortBy: SortBy[], schema: CollectionSchema): Comparator {
  const comparators = sortBy.map((clause, position) => {
    try {
      return clauseComparator(clause, schema);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(
        `explorer: invalid 'sort' parameter: sort parameter at position ${position}: ${message}`,
      );
    }
  });
  return (a, b) => {
    for (const compare of comparators) {
      const result = compare(a, b);
      if (result !== 0) return result;
    }
    return 0;
  };
}

function clauseComparator(clause: SortBy, schema: CollectionSchema): Comparator {
  const path = clause.path ?? [];
  if (path.length === 0) throw new Error("path parameter cannot be empty");
  if (path.length > 1)
    throw new Error("sorting by reference not supported, path must have exactly one argument");
  const direction = clause.ascending ? 1 : -1;
  const read = reader(path[0], schema);
  return (a, b) => {
    const x = read(a);
    const y = read(b);
    if (x === undefined || y === undefined) {
      if (x === y) return 0;
      return (x === undefined ? -1 : 1) * direction;
    }
    return compareValues(x, y) * direction;
  };
}

function reader(name: string, schema: CollectionSchema): (o: StoredObject) => unknown {
  if (name === "_id") return (o) => o.id;
  if (name === "_creationTimeUnix") return (o) => o.creationTimeUnix;
  if (name === "_lastUpdateTimeUnix") return (o) => o.lastUpdateTimeUnix;
  const prop = findProperty(schema.properties, name);
  if (!prop) throw new Error(noSuchPropertyMessage(name, schema.name));
  if (prop.dataType === "uuid" || prop.dataType === "uuid[]") {
    throw new Error(
      `prop "${prop.name}" is of type uuid/uuid[]: sorting by uuid is currently not supported - if you believe it should be, please open a feature request on github.com/weaviate/weaviate`,
    );
  }
  if (prop.dataType === "cref") {
    throw new Error(
      `sorting by reference not supported, property "${prop.name}" is a ref prop to the class "${prop.targetCollections?.[0]}"`,
    );
  }
  const dates = prop.dataType === "date" || prop.dataType === "date[]";
  return (o) => {
    const value = o.properties[prop.name];
    if (value === undefined) return undefined;
    if (prop.dataType === "geoCoordinates") {
      const geo = value as { latitude: number; longitude: number };
      return [geo.latitude, geo.longitude];
    }
    if (prop.dataType === "phoneNumber")
      return [(value as { countryCode: number }).countryCode, (value as { national: number }).national];
    if (dates) return Array.isArray(value) ? value.map((d) => Date.parse(d)) : Date.parse(value as string);
    return value;
  };
}

function compareValues(x: unknown, y: unknown): number {
  if (Array.isArray(x) && Array.isArray(y)) {
    for (let i = 0; i < x.length && i < y.length; i++) {
      const c = compareValues(x[i], y[i]);
      if (c !== 0) return c;
    }
    return Math.sign(x.length - y.length);
  }
  if (typeof x === "string" && typeof y === "string") {
    const a = x.toLowerCase();
    const b = y.toLowerCase();
    return a === b ? 0 : a < b ? -1 : 1;
  }
  const a = Number(x);
  const b = Number(y);
  return a === b ? 0 : a < b ? -1 : 1;
}
