import { NullValue } from "../../src/gen/google/protobuf/struct.js";
import type { ListValue, Properties, Value } from "../../src/gen/v1/properties.js";
import { writeFloat64s, writeInt64s } from "./little-endian.js";
import type { PhoneNumber } from "./phone-number.js";
import type { PropertySchema } from "./schema.js";

/** A property to return; for an object property, the nested properties to return. */
export interface Selected {
  name: string;
  nested?: Selected[];
}

export const NULL_VALUE: Value = { nullValue: NullValue.NULL_VALUE };

/**
 * A stored value as weaviate.v1.Value, per the datatype table of Weaviate's mapping.go: lists of numbers
 * and ints as little-endian float64 / int64 bytes, an empty list as an empty typed list, objects as nested
 * Properties holding only the selected nested properties that are present.
 */
export function encodeValue(prop: PropertySchema, value: unknown, nested?: Selected[]): Value {
  if (value === undefined || value === null) return NULL_VALUE;
  switch (prop.dataType) {
    case "text":
      return { textValue: value as string };
    case "int":
      return { intValue: BigInt(Math.trunc(value as number)) };
    case "number":
      return { numberValue: value as number };
    case "boolean":
      return { boolValue: value as boolean };
    case "date":
      return { dateValue: value as string };
    case "uuid":
      return { uuidValue: value as string };
    case "blob":
      return { blobValue: value as string };
    case "geoCoordinates": {
      const geo = value as { latitude: number; longitude: number };
      return { geoValue: { latitude: geo.latitude, longitude: geo.longitude } };
    }
    case "phoneNumber":
      return { phoneValue: phone(value as PhoneNumber) };
    case "object":
      return { objectValue: encodeObject(prop, value as Record<string, unknown>, nested) };
    case "object[]":
      return list({
        objectValues: {
          values: (value as Record<string, unknown>[]).map((v) => encodeObject(prop, v, nested)),
        },
      });
    default:
      return list(encodeList(prop, value as unknown[]));
  }
}

function encodeList(prop: PropertySchema, values: unknown[]): ListValue {
  switch (prop.dataType) {
    case "int[]":
      return { intValues: { values: writeInt64s(values as number[]) } };
    case "number[]":
      return { numberValues: { values: writeFloat64s(values as number[]) } };
    case "boolean[]":
      return { boolValues: { values: values as boolean[] } };
    case "date[]":
      return { dateValues: { values: values as string[] } };
    case "uuid[]":
      return { uuidValues: { values: values as string[] } };
    default:
      return { textValues: { values: values as string[] } };
  }
}

function encodeObject(
  prop: PropertySchema,
  value: Record<string, unknown>,
  selection?: Selected[],
): Properties {
  const nestedProps = prop.nestedProperties ?? [];
  const wanted = selection ?? allNested(nestedProps);
  const fields: Record<string, Value> = {};
  for (const selected of wanted) {
    const inner = nestedProps.find((p) => p.name === selected.name);
    if (!inner || value[selected.name] === undefined) continue;
    fields[selected.name] = encodeValue(inner, value[selected.name], selected.nested);
  }
  return { fields };
}

/** Every nested property except blobs, recursively (search.AllNonRefNonBlobNestedProperties). */
export function allNested(props: readonly PropertySchema[]): Selected[] {
  return props
    .filter((p) => p.dataType !== "blob")
    .map((p) =>
      p.nestedProperties ? { name: p.name, nested: allNested(p.nestedProperties) } : { name: p.name },
    );
}

function list(listValue: ListValue): Value {
  return { listValue };
}

function phone(value: PhoneNumber) {
  return {
    countryCode: BigInt(value.countryCode),
    defaultCountry: value.defaultCountry,
    input: value.input,
    internationalFormatted: value.internationalFormatted,
    national: BigInt(value.national),
    nationalFormatted: value.nationalFormatted,
    valid: value.valid,
  };
}
