import type { DataType, PropertySchema } from "./schema.js";
import { isUuid } from "./uuid.js";

/**
 * Weaviate's auto-schema type inference (`determineType` in usecases/objects/auto_schema.go), applied to
 * the first value seen for a property. Numbers from a protobuf Struct are float64, so they become
 * "number"; only typed int arrays (bigint values) become "int[]". Strings that parse as RFC3339 become
 * dates and strings that parse as UUIDs become uuids; a map with exactly latitude and longitude is a
 * geoCoordinates, one with input (and defaultCountry) a phoneNumber, except inside nested objects.
 */
export function inferProperty(name: string, value: unknown, nested = false): PropertySchema {
  if (Array.isArray(value)) return inferArray(name, value);
  if (isPlainObject(value)) {
    if (!nested && isGeo(value)) return { name, dataType: "geoCoordinates" };
    if (!nested && isPhone(value)) return { name, dataType: "phoneNumber" };
    return { name, dataType: "object", nestedProperties: inferNested([value]) };
  }
  const dataType = scalarType(value);
  if (!dataType) throw new Error(unrecognised(value, nested));
  return dataType === "text" ? { name, dataType, tokenization: "word" } : { name, dataType };
}

/** Nested properties inferred from the union of keys of the given objects (object[] elements). */
export function inferNested(objects: readonly Record<string, unknown>[]): PropertySchema[] {
  const out: PropertySchema[] = [];
  for (const obj of objects) {
    for (const [key, value] of Object.entries(obj)) {
      if (value === null || value === undefined || out.some((p) => p.name === key)) continue;
      out.push(inferProperty(key, value, true));
    }
  }
  return out;
}

export function isRfc3339(text: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(text) &&
    !Number.isNaN(Date.parse(text))
  );
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)
  );
}

function scalarType(value: unknown): DataType | undefined {
  switch (typeof value) {
    case "string":
      if (isRfc3339(value)) return "date";
      return isUuid(value) && value.length === 36 ? "uuid" : "text";
    case "number":
      return "number";
    case "bigint":
      return "int";
    case "boolean":
      return "boolean";
    default:
      return undefined;
  }
}

function inferArray(name: string, values: readonly unknown[]): PropertySchema {
  if (values.length === 0) return { name, dataType: "text[]", tokenization: "word" };
  if (values.every(isPlainObject)) {
    return { name, dataType: "object[]", nestedProperties: inferNested(values as Record<string, unknown>[]) };
  }
  let determined = scalarType(values[0]);
  values.forEach((value, i) => {
    const type = scalarType(value);
    if (!type || !determined) throw new Error(`element [${i}]: ${unrecognised(value, true)}`);
    // Weaviate: an array mixing text with dates or uuids is a text array.
    const stringy = (t: DataType) => t === "text" || t === "date" || t === "uuid";
    if (stringy(type) && stringy(determined)) {
      if (type !== determined) determined = "text";
      return;
    }
    if (type !== determined) {
      throw new Error(`element [${i}]: mismatched data type - '${determined}' expected, got '${type}'`);
    }
  });
  const dataType = `${determined}[]` as DataType;
  return dataType === "text[]" ? { name, dataType, tokenization: "word" } : { name, dataType };
}

function isGeo(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  return keys.length === 2 && value.latitude != null && value.longitude != null;
}

function isPhone(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  if (value.input == null) return false;
  return keys.length === 1 || (keys.length === 2 && "defaultCountry" in value);
}

function unrecognised(value: unknown, nested: boolean): string {
  const allowed = ["text", "number", "int", "boolean", "date", "uuid", "object"];
  if (!nested) allowed.push("phoneNumber", "geoCoordinates");
  return `unrecognized data type of value '${String(value)}' - one of '${allowed.join("', '")}' expected`;
}
