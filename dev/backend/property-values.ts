import { inferNested, inferProperty, isPlainObject, isRfc3339 } from "./auto-schema.js";
import { parsePhoneNumber } from "./phone-number.js";
import {
  baseType,
  type DataType,
  findProperty,
  isArrayType,
  lowerFirst,
  type PropertySchema,
} from "./schema.js";
import { isUuid, parseUuid } from "./uuid.js";

/**
 * Validates an object's properties against the collection schema and returns them in stored form, adding
 * unknown properties through auto-schema first, as Weaviate's batch path does (auto-schema, then
 * usecases/objects/validation). Error texts follow properties_validation.go:
 * "invalid text property 'title' on class 'Article': not a string, but float64".
 * Null values are dropped: Weaviate stores nothing for them, so they read back as missing.
 */
export function normalizeProperties(
  properties: PropertySchema[],
  input: Record<string, unknown>,
  collection: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [rawName, value] of Object.entries(input)) {
    if (value === null || value === undefined) continue;
    const name = lowerFirst(rawName);
    let prop = findProperty(properties, name);
    if (!prop) {
      prop = inferProperty(name, value);
      properties.push(prop);
    }
    if (prop.dataType === "cref") throw new Error(`reference property is not a slice ${String(value)}`);
    try {
      out[name] = coerce(prop, value, collection);
    } catch (error) {
      throw new Error(
        `invalid ${label(prop.dataType)} property '${name}' on class '${collection}': ${message(error)}`,
      );
    }
  }
  return out;
}

function coerce(prop: PropertySchema, value: unknown, collection: string): unknown {
  if (prop.dataType === "object") return nestedObject(prop, value, collection);
  if (prop.dataType === "object[]") {
    if (!Array.isArray(value)) throw new Error(`not an object array, but ${goType(value)}`);
    return value.map((element, i) => {
      try {
        return nestedObject(prop, element, collection);
      } catch (error) {
        throw new Error(`invalid object '${i}' in array: ${message(error)}`);
      }
    });
  }
  if (isArrayType(prop.dataType)) {
    if (!Array.isArray(value)) throw new Error(`not an array, but ${goType(value)}`);
    return value.map((element) => scalar(baseType(prop.dataType), element));
  }
  return scalar(prop.dataType, value);
}

function nestedObject(prop: PropertySchema, value: unknown, collection: string): Record<string, unknown> {
  if (!isPlainObject(value)) throw new Error(`object must be a map, but got: ${goType(value)}`);
  prop.nestedProperties ??= [];
  for (const added of inferNested([value])) {
    if (!prop.nestedProperties.some((p) => p.name === added.name)) prop.nestedProperties.push(added);
  }
  const out: Record<string, unknown> = {};
  for (const [name, inner] of Object.entries(value)) {
    if (inner === null || inner === undefined) continue;
    const nested = prop.nestedProperties.find((p) => p.name === name)!;
    try {
      out[name] = coerce(nested, inner, collection);
    } catch (error) {
      throw new Error(`property '${name}': ${message(error)}`);
    }
  }
  return out;
}

function scalar(dataType: DataType, value: unknown): unknown {
  switch (dataType) {
    case "text":
      if (typeof value !== "string") throw new Error(`not a string, but ${goType(value)}`);
      return value;
    case "uuid":
      if (typeof value !== "string" || !isUuid(value)) {
        throw new Error(`requires a string of UUID format, but the given value is '${String(value)}'`);
      }
      return parseUuid(value);
    case "int": {
      const n = typeof value === "bigint" ? Number(value) : value;
      if (typeof n !== "number" || !Number.isInteger(n)) {
        throw new Error(`requires an integer, the given value is '${String(value)}'`);
      }
      return n;
    }
    case "number":
      if (typeof value !== "number" && typeof value !== "bigint") {
        throw new Error(`requires a float, the given value is '${String(value)}'`);
      }
      return Number(value);
    case "boolean":
      if (typeof value !== "boolean") throw new Error(`not a bool, but ${goType(value)}`);
      return value;
    case "date":
      if (typeof value !== "string" || !isRfc3339(value)) {
        throw new Error(
          `requires a string with a RFC3339 formatted date, but the given value is '${String(value)}'`,
        );
      }
      return value;
    case "blob":
      if (typeof value !== "string") throw new Error(`not a blob base64 string, but ${goType(value)}`);
      if (value.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) {
        throw new Error("not a valid blob base64 string");
      }
      return value;
    case "geoCoordinates":
      return geo(value);
    case "phoneNumber": {
      if (!isPlainObject(value)) throw new Error(`phoneNumber must be a map, but got: ${goType(value)}`);
      if (value.input === undefined) throw new Error("phoneNumber is missing required field 'input'");
      if (typeof value.input !== "string") throw new Error("phoneNumber.input must be a string");
      if (value.defaultCountry !== undefined && typeof value.defaultCountry !== "string") {
        throw new Error("phoneNumber.defaultCountry must be a string");
      }
      return parsePhoneNumber(value.input, value.defaultCountry);
    }
    default:
      throw new Error(`unrecognized data type '${dataType}'`);
  }
}

/** Weaviate keeps geo coordinates as float32. */
function geo(value: unknown): { latitude: number; longitude: number } {
  if (!isPlainObject(value)) throw new Error(`geoCoordinates must be a map, but got: ${goType(value)}`);
  if (value.longitude === undefined) throw new Error("geoCoordinates is missing required field 'longitude'");
  if (value.latitude === undefined) throw new Error("geoCoordinates is missing required field 'latitude'");
  if (typeof value.longitude !== "number") throw new Error("invalid longitude: must be json.Number or float");
  if (typeof value.latitude !== "number") throw new Error("invalid latitude: must be json.Number or float");
  return { latitude: Math.fround(value.latitude), longitude: Math.fround(value.longitude) };
}

function label(dataType: DataType): string {
  const names: Partial<Record<DataType, string>> = {
    int: "integer",
    "int[]": "integer array",
    "object[]": "object[]",
  };
  return names[dataType] ?? dataType.replace("[]", " array");
}

/** The Go type name Weaviate prints for a decoded JSON/Struct value. */
function goType(value: unknown): string {
  if (value === null) return "<nil>";
  if (Array.isArray(value)) return "[]interface {}";
  const names: Record<string, string> = {
    string: "string",
    number: "float64",
    bigint: "int64",
    boolean: "bool",
  };
  return names[typeof value] ?? "map[string]interface {}";
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
