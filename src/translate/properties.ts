import type { ObjectPropertiesValue } from "../gen/v1/base.js";
import type { BatchObject_Properties } from "../gen/v1/batch.js";
import type { ObjectInput } from "../schemas/objects.js";

/**
 * JSON properties → Weaviate's typed write containers, making the decisions Weaviate's official TypeScript
 * client makes (weaviate-wire.md §5 and §8):
 * - scalars, dates (ISO strings), geo {latitude, longitude} and phone {input, defaultCountry} → the Struct;
 * - boolean[] → boolean arrays, string[] → text arrays, integer arrays → int arrays, other number arrays →
 *   float64 little-endian `values_bytes`;
 * - nested objects → object properties, arrays of objects → object array properties, [] → empty_list_props.
 * A value that fits none of these (a mixed array, an array of arrays) is reported with its path.
 */

export interface TypingIssue {
  readonly path: (string | number)[];
  readonly message: string;
}

type Container = Required<Omit<ObjectPropertiesValue, "nonRefProperties">> & {
  nonRefProperties: Record<string, unknown>;
};

function emptyContainer(): Container {
  return {
    nonRefProperties: {},
    numberArrayProperties: [],
    intArrayProperties: [],
    textArrayProperties: [],
    booleanArrayProperties: [],
    objectProperties: [],
    objectArrayProperties: [],
    emptyListProps: [],
  };
}

const INT64_LIMIT = 2 ** 63;
const isInt64 = (n: number) => Number.isInteger(n) && Math.abs(n) < INT64_LIMIT;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** {latitude, longitude} with numbers and nothing else: Weaviate's geoCoordinates. */
function isGeo(v: Record<string, unknown>): boolean {
  const keys = Object.keys(v);
  // Finite only: a non-finite coordinate then fails as a nested number with its path, not inside the Struct.
  return keys.length === 2 && Number.isFinite(v.latitude) && Number.isFinite(v.longitude);
}

/** {input, defaultCountry?}: Weaviate's phoneNumber. */
function isPhone(v: Record<string, unknown>): boolean {
  const keys = Object.keys(v);
  return (
    typeof v.input === "string" &&
    keys.every((k) => k === "input" || k === "defaultCountry") &&
    (v.defaultCountry === undefined || typeof v.defaultCountry === "string")
  );
}

function float64Bytes(values: readonly number[]): Uint8Array {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, values[i], true);
  return bytes;
}

function fill(
  target: Container,
  props: Record<string, unknown>,
  path: (string | number)[],
  issues: TypingIssue[],
): void {
  for (const name in props) {
    const value = props[name];
    const here = [...path, name];
    if (value === undefined) continue;
    if (value === null || typeof value === "string" || typeof value === "boolean") {
      target.nonRefProperties[name] = value;
    } else if (typeof value === "number") {
      if (Number.isFinite(value)) target.nonRefProperties[name] = value;
      else issues.push({ path: here, message: "must be a finite number" });
    } else if (Array.isArray(value)) {
      fillArray(target, name, value, here, issues);
    } else if (isPlainObject(value)) {
      if (isGeo(value) || isPhone(value)) target.nonRefProperties[name] = value;
      else target.objectProperties.push({ propName: name, value: toObjectValue(value, here, issues) });
    } else {
      issues.push({ path: here, message: "cannot be typed" });
    }
  }
}

function fillArray(
  target: Container,
  name: string,
  values: unknown[],
  path: (string | number)[],
  issues: TypingIssue[],
) {
  if (values.length === 0) {
    target.emptyListProps.push(name);
    return;
  }
  const first = values[0];
  const kind = Array.isArray(first) ? "array" : first === null ? "null" : typeof first;
  const mixed = values.findIndex(
    (v) => (Array.isArray(v) ? "array" : v === null ? "null" : typeof v) !== kind,
  );
  if (mixed >= 0) {
    issues.push({
      path: [...path, mixed],
      message: `array elements must all have one type (the first is ${kind})`,
    });
    return;
  }
  switch (kind) {
    case "string":
      target.textArrayProperties.push({ propName: name, values: values as string[] });
      return;
    case "boolean":
      target.booleanArrayProperties.push({ propName: name, values: values as boolean[] });
      return;
    case "number": {
      const nums = values as number[];
      const bad = nums.findIndex((n) => !Number.isFinite(n));
      if (bad >= 0) issues.push({ path: [...path, bad], message: "must be a finite number" });
      else if (nums.every(isInt64))
        target.intArrayProperties.push({ propName: name, values: nums.map(BigInt) });
      else target.numberArrayProperties.push({ propName: name, valuesBytes: float64Bytes(nums) });
      return;
    }
    case "object":
      target.objectArrayProperties.push({
        propName: name,
        values: values.map((v, i) => toObjectValue(v as Record<string, unknown>, [...path, i], issues)),
      });
      return;
    default:
      issues.push({ path, message: `arrays of ${kind === "array" ? "arrays" : kind} cannot be stored` });
  }
}

function toObjectValue(
  value: Record<string, unknown>,
  path: (string | number)[],
  issues: TypingIssue[],
): ObjectPropertiesValue {
  const c = emptyContainer();
  fill(c, value, path, issues);
  return c;
}

/** Properties and references of one object. Issues are collected with their paths, never thrown. */
export function toBatchProperties(
  object: Pick<ObjectInput, "properties" | "references">,
  issues: TypingIssue[],
  path: (string | number)[] = ["properties"],
): BatchObject_Properties {
  const c = emptyContainer();
  if (object.properties) fill(c, object.properties, path, issues);
  const out: BatchObject_Properties = { ...c, singleTargetRefProps: [], multiTargetRefProps: [] };
  for (const [propName, ref] of Object.entries(object.references ?? {})) {
    if (Array.isArray(ref)) out.singleTargetRefProps!.push({ propName, uuids: ref });
    else out.multiTargetRefProps!.push({ propName, uuids: ref.ids, targetCollection: ref.collection });
  }
  return out;
}
