import { type Filters, Filters_Operator } from "../../src/gen/v1/base.js";
import type { DataType } from "./schema.js";

/** A filter's test value, whichever `value_*` oneof member carried it. */
export interface TestValue {
  kind: "text" | "int" | "number" | "boolean" | "geo";
  isArray: boolean;
  values: (string | number | boolean)[];
  geo?: { latitude: number; longitude: number; distance: number };
}

export function readTestValue(filter: Filters): TestValue {
  const one = (kind: TestValue["kind"], value: string | number | boolean) => ({
    kind,
    isArray: false,
    values: [value],
  });
  const many = (kind: TestValue["kind"], values: (string | number | boolean)[]) => ({
    kind,
    isArray: true,
    values,
  });
  if (filter.valueText !== undefined) return one("text", filter.valueText);
  if (filter.valueInt !== undefined) return one("int", Number(filter.valueInt));
  if (filter.valueBoolean !== undefined) return one("boolean", filter.valueBoolean);
  if (filter.valueNumber !== undefined) return one("number", filter.valueNumber);
  if (filter.valueTextArray) return many("text", filter.valueTextArray.values ?? []);
  if (filter.valueIntArray) return many("int", (filter.valueIntArray.values ?? []).map(Number));
  if (filter.valueBooleanArray) return many("boolean", filter.valueBooleanArray.values ?? []);
  if (filter.valueNumberArray) return many("number", filter.valueNumberArray.values ?? []);
  if (filter.valueGeo) {
    const { latitude = 0, longitude = 0, distance = 0 } = filter.valueGeo;
    return { kind: "geo", isArray: false, values: [], geo: { latitude, longitude, distance } };
  }
  throw new Error("unknown value type <nil>");
}

const CONTAINS = new Set([
  Filters_Operator.OPERATOR_CONTAINS_ANY,
  Filters_Operator.OPERATOR_CONTAINS_ALL,
  Filters_Operator.OPERATOR_CONTAINS_NONE,
]);

/**
 * The type corrections of ExtractFilters (adapters/handlers/grpc/v1/filters.go): on a number property an int
 * or a numeric string becomes a float (and an int array a float array for CONTAINS_*); on an int property a
 * float or a string becomes an int, failing when it is not integral.
 */
export function coerceTestValue(value: TestValue, dataType: DataType, operator: Filters_Operator): TestValue {
  if (dataType === "number" && (!value.isArray || CONTAINS.has(operator))) {
    if (value.kind === "int") return { ...value, kind: "number" };
    if (value.kind === "text" && !value.isArray)
      return { ...value, kind: "number", values: [parseFloatText(value)] };
  }
  if (dataType === "int" && (!value.isArray || CONTAINS.has(operator))) {
    if (value.kind === "number")
      return { ...value, kind: "int", values: value.values.map((v) => floatToInt(v)) };
    if (value.kind === "text" && !value.isArray) {
      const parsed = Number.parseFloat(String(value.values[0]));
      if (Number.isNaN(parsed)) {
        throw new Error(
          `expected an integer value, but could not parse string '${value.values[0]}' as int: strconv.ParseFloat: parsing "${value.values[0]}": invalid syntax`,
        );
      }
      return { ...value, kind: "int", values: [floatToInt(parsed)] };
    }
  }
  return value;
}

/** The `value_*` field a data type expects, for the mismatch message. */
export function expectedValueName(dataType: DataType): string {
  const names: Partial<Record<DataType, string>> = {
    int: "valueInt",
    number: "valueNumber",
    boolean: "valueBoolean",
    geoCoordinates: "valueGeo",
  };
  return names[dataType] ?? "valueText";
}

export function valueName(value: TestValue): string {
  const base = `value${value.kind.charAt(0).toUpperCase()}${value.kind.slice(1)}`;
  return value.isArray ? `${base}Array` : base;
}

function parseFloatText(value: TestValue): number {
  const text = String(value.values[0]);
  const parsed = Number(text);
  if (text.trim() === "" || Number.isNaN(parsed)) {
    throw new Error(
      `expected a number value, but could not parse string '${text}' as float: strconv.ParseFloat: parsing "${text}": invalid syntax`,
    );
  }
  return parsed;
}

function floatToInt(raw: string | number | boolean): number {
  const v = Number(raw);
  if (!Number.isFinite(v)) throw new Error(`filtering for integer, but received a non-finite number ${v}`);
  if (!Number.isInteger(v))
    throw new Error(`filtering for integer, but received a floating point number ${v}`);
  return v;
}
