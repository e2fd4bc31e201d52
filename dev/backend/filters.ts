import { type Filters, Filters_Operator, type FilterTarget } from "../../src/gen/v1/base.js";
import { type LeafTarget, leafCheck } from "./filter-operators.js";
import {
  coerceTestValue,
  expectedValueName,
  readTestValue,
  type TestValue,
  valueName,
} from "./filter-values.js";
import { referencesOf, resolveReference } from "./references.js";
import {
  baseType,
  type CollectionSchema,
  findProperty,
  noSuchPropertyMessage,
  upperFirst,
} from "./schema.js";
import type { Store, StoredObject } from "./store.js";

export type Predicate = (object: StoredObject) => boolean;

export interface FilterScope {
  store: Store;
  schema: CollectionSchema;
  tenant: string;
}

const {
  OPERATOR_AND,
  OPERATOR_OR,
  OPERATOR_NOT,
  OPERATOR_IS_NULL,
  OPERATOR_WITHIN_GEO_RANGE,
  OPERATOR_LIKE,
} = Filters_Operator;

/**
 * Compiles weaviate.v1.Filters into a predicate, validating as Weaviate's ExtractFilters and ValidateFilters
 * do (adapters/handlers/grpc/v1/filters.go, entities/filters/filters_validator.go): AND, OR and NOT use only
 * the operands; every other operator needs `target`, or else the deprecated `on` path with an odd length
 * ([prop] or [refProp, TargetCollection, prop, ...]). `_id`, `_creationTimeUnix`, `_lastUpdateTimeUnix` and
 * `len(prop)` are understood; reference hops match when any referenced object matches.
 */
export function compileFilter(filter: Filters, scope: FilterScope): Predicate {
  const operator = filter.operator ?? Filters_Operator.OPERATOR_UNSPECIFIED;
  if (operator === OPERATOR_AND || operator === OPERATOR_OR || operator === OPERATOR_NOT) {
    const operands = (filter.filters ?? []).map((f) => compileFilter(f, scope));
    if (operator === OPERATOR_OR) return (o) => operands.some((p) => p(o));
    const all: Predicate = (o) => operands.every((p) => p(o));
    return operator === OPERATOR_AND ? all : (o) => !all(o);
  }
  const on = filter.on ?? [];
  if (!filter.target && on.length % 2 !== 1) {
    throw new Error(
      `paths needs to have a uneven number of components: property, class, property, ...., got [${on.join(" ")}]`,
    );
  }
  if (operator <= 0 || operator > OPERATOR_NOT) {
    throw new Error(`unknown filter operator ${Filters_Operator[operator] ?? operator}`);
  }
  const leaf: Leaf = (schema, property, count) => compileLeaf(operator, filter, schema, property, count);
  return filter.target
    ? viaTarget(filter.target, scope.schema, scope, leaf)
    : viaPath(on, scope.schema, scope, leaf);
}

type Leaf = (schema: CollectionSchema, property: string, count?: boolean) => Predicate;

function viaTarget(
  target: FilterTarget,
  schema: CollectionSchema,
  scope: FilterScope,
  leaf: Leaf,
): Predicate {
  if (target.property !== undefined) return leaf(schema, target.property);
  if (target.count) return leaf(schema, target.count.on ?? "", true);
  const hop = target.singleTarget ?? target.multiTarget;
  if (!hop) throw new Error("unknown target type <nil>");
  const prop = referenceProperty(schema, hop.on ?? "");
  let collection = prop.targetCollections?.[0] ?? "";
  if (target.multiTarget) collection = upperFirst(target.multiTarget.targetCollection ?? "");
  else if ((prop.targetCollections ?? []).length !== 1) {
    throw new Error(
      `expected reference property with a single target, got [${prop.targetCollections?.join(" ")}] for ${prop.name} `,
    );
  }
  const child = viaTarget(hop.target ?? {}, targetSchema(scope, collection), scope, leaf);
  return hopTo(scope, prop.name, collection, child);
}

function viaPath(on: string[], schema: CollectionSchema, scope: FilterScope, leaf: Leaf): Predicate {
  if (on.length === 1) return leaf(schema, on[0]);
  const prop = referenceProperty(schema, on[0]);
  const collection = upperFirst(on[1]);
  return hopTo(
    scope,
    prop.name,
    collection,
    viaPath(on.slice(2), targetSchema(scope, collection), scope, leaf),
  );
}

function hopTo(scope: FilterScope, property: string, collection: string, child: Predicate): Predicate {
  return (object) =>
    referencesOf(object, property).some((ref) => {
      if (ref.collection !== collection) return false;
      const target = resolveReference(scope.store, ref, scope.tenant);
      return target !== undefined && child(target);
    });
}

function compileLeaf(
  operator: Filters_Operator,
  filter: Filters,
  schema: CollectionSchema,
  name: string,
  count = false,
): Predicate {
  const raw = readTestValue(filter);
  if (count) return leafOn(countTarget(schema, name), operator, coerceTestValue(raw, "int", operator));
  if (name === "_id") {
    if (raw.kind !== "text")
      throw new Error('using ["_id"] to filter by uuid: must use "valueText" to specify the id');
    return leafOn({ dataType: "uuid", tokenization: "field", read: (o) => [o.id] }, operator, raw);
  }
  if (name === "_creationTimeUnix" || name === "_lastUpdateTimeUnix") {
    if (raw.kind !== "text" && raw.kind !== "int") {
      throw new Error(`using ["${name}"] to filter by timestamp: must use "valueText" or "valueDate"`);
    }
    const read = (o: StoredObject) => [
      name === "_creationTimeUnix" ? o.creationTimeUnix : o.lastUpdateTimeUnix,
    ];
    return leafOn({ dataType: "date", tokenization: "field", read }, operator, raw);
  }
  const length = /^len\((.+)\)$/.exec(name);
  const prop = findProperty(schema.properties, length ? length[1] : name);
  if (!prop) throw new Error(noSuchPropertyMessage(length ? length[1] : name, schema.name));
  const values = (o: StoredObject): unknown[] => {
    const v = o.properties[prop.name];
    return v === undefined ? [] : Array.isArray(v) ? v : [v];
  };
  if (length) {
    const read = (o: StoredObject) => {
      const v = o.properties[prop.name];
      return [typeof v === "string" || Array.isArray(v) ? v.length : 0];
    };
    return leafOn(
      { dataType: "int", tokenization: "field", read },
      operator,
      coerceTestValue(raw, "int", operator),
    );
  }
  if (prop.dataType === "cref") {
    if (raw.kind !== "int") {
      throw new Error(
        `Property "${prop.name}" is a ref prop to the class "${prop.targetCollections?.[0]}". Only "valueInt" can be used on a ref prop directly to count the number of refs. Or did you mean to filter on a primitive prop of the referenced class? In this case make sure your path contains 3 elements in the form of [<propName>, <ClassNameOfReferencedClass>, <primitvePropOnClass>]`,
      );
    }
    return leafOn(countTarget(schema, prop.name), operator, raw);
  }
  const dataType = baseType(prop.dataType);
  if (dataType === "object" || dataType === "blob" || dataType === "phoneNumber") {
    throw new Error(`filtering on ${dataType} property "${prop.name}" is not supported`);
  }
  if (operator === OPERATOR_IS_NULL) {
    if (raw.kind !== "boolean" || raw.isArray) {
      throw new Error(`operator IsNull requires a booleanValue, got ${valueName(raw)} instead`);
    }
    return leafOn({ dataType, tokenization: "field", read: values }, operator, raw);
  }
  if (dataType === "uuid" && operator === OPERATOR_LIKE) {
    throw new Error('operator "Like" cannot be used on uuid/uuid[] props');
  }
  const value = coerceTestValue(raw, dataType, operator);
  checkKind(value, dataType, prop.dataType, operator);
  return leafOn({ dataType, tokenization: prop.tokenization ?? "word", read: values }, operator, value);
}

function leafOn(target: LeafTarget, operator: Filters_Operator, value: TestValue): Predicate {
  const check = leafCheck(operator, target, value);
  return (object) => check(target.read(object));
}

/** A comparison on the number of references, read as an int property. */
function countTarget(schema: CollectionSchema, on: string): LeafTarget {
  const prop = referenceProperty(schema, on);
  return { dataType: "int", tokenization: "field", read: (o) => [referencesOf(o, prop.name).length] };
}

function checkKind(value: TestValue, dataType: string, declared: string, operator: Filters_Operator): void {
  const wanted: Record<string, TestValue["kind"]> = {
    text: "text",
    uuid: "text",
    date: "text",
    int: "int",
    number: "number",
    boolean: "boolean",
    geoCoordinates: "geo",
  };
  const geoMismatch = (operator === OPERATOR_WITHIN_GEO_RANGE) !== (dataType === "geoCoordinates");
  if (value.kind !== wanted[dataType] || geoMismatch) {
    throw new Error(
      `data type filter cannot use "${valueName(value)}" on type "${declared}", use "${expectedValueName(dataType as never)}" instead`,
    );
  }
}

function referenceProperty(schema: CollectionSchema, name: string) {
  const prop = findProperty(schema.properties, name);
  if (!prop) throw new Error(noSuchPropertyMessage(name, schema.name));
  if (prop.dataType !== "cref") throw new Error(`property "${prop.name}" is not a reference property`);
  return prop;
}

function targetSchema(scope: FilterScope, collection: string): CollectionSchema {
  const found = scope.store.get(collection);
  if (!found) throw new Error(`could not find class ${collection} in schema`);
  return found.schema;
}
