import type { ListValue, Properties, Value } from "../gen/v1/properties.js";

/**
 * The one decoder of Weaviate's result values (properties.proto) into natural JSON: list numbers and ints
 * arrive as 8-byte little-endian byte arrays, geo as {latitude, longitude}, blobs as base64 text, a
 * requested-but-missing property as null_value.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** int64 to JSON: a number when it is exact, else its decimal string (never a silently rounded number). */
export function int64ToJson(value: bigint): number | string {
  return value >= -9007199254740991n && value <= 9007199254740991n ? Number(value) : value.toString();
}

export function propertiesToJson(properties: Properties | undefined): Record<string, Json> {
  const out: Record<string, Json> = {};
  const fields = properties?.fields;
  if (!fields) return out;
  for (const key of Object.keys(fields)) out[key] = valueToJson(fields[key]);
  // ts-proto stores map entries by assignment, so a property named "__proto__" (a valid Weaviate name)
  // became the object's prototype instead of a key: it is recovered, last, as an own key.
  const proto: unknown = Object.getPrototypeOf(fields);
  if (proto !== Object.prototype && proto !== null && typeof proto === "object") {
    Object.defineProperty(out, "__proto__", {
      value: valueToJson(proto as Value),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

export function valueToJson(value: Value): Json {
  if (value.textValue !== undefined) return value.textValue;
  if (value.numberValue !== undefined) return value.numberValue;
  if (value.intValue !== undefined) return int64ToJson(value.intValue);
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.dateValue !== undefined) return value.dateValue;
  if (value.uuidValue !== undefined) return value.uuidValue;
  if (value.objectValue !== undefined) return propertiesToJson(value.objectValue);
  if (value.listValue !== undefined) return listToJson(value.listValue);
  if (value.geoValue !== undefined) {
    return { latitude: value.geoValue.latitude ?? 0, longitude: value.geoValue.longitude ?? 0 };
  }
  if (value.blobValue !== undefined) return value.blobValue;
  if (value.phoneValue !== undefined) {
    const p = value.phoneValue;
    return {
      input: p.input ?? "",
      defaultCountry: p.defaultCountry ?? "",
      countryCode: int64ToJson(BigInt(p.countryCode ?? 0n)),
      internationalFormatted: p.internationalFormatted ?? "",
      national: int64ToJson(BigInt(p.national ?? 0n)),
      nationalFormatted: p.nationalFormatted ?? "",
      valid: p.valid ?? false,
    };
  }
  return null;
}

function listToJson(list: ListValue): Json[] {
  if (list.textValues) return list.textValues.values ?? [];
  if (list.numberValues) return float64s(list.numberValues.values);
  if (list.intValues) return int64s(list.intValues.values);
  if (list.boolValues) return list.boolValues.values ?? [];
  if (list.dateValues) return list.dateValues.values ?? [];
  if (list.uuidValues) return list.uuidValues.values ?? [];
  if (list.objectValues) return (list.objectValues.values ?? []).map(propertiesToJson);
  return [];
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function float64s(bytes: Uint8Array | undefined): number[] {
  if (!bytes) return [];
  const v = view(bytes);
  const out = new Array<number>(bytes.byteLength >>> 3);
  for (let i = 0; i < out.length; i++) out[i] = v.getFloat64(i * 8, true);
  return out;
}

function int64s(bytes: Uint8Array | undefined): (number | string)[] {
  if (!bytes) return [];
  const v = view(bytes);
  const out = new Array<number | string>(bytes.byteLength >>> 3);
  for (let i = 0; i < out.length; i++) out[i] = int64ToJson(v.getBigInt64(i * 8, true));
  return out;
}
