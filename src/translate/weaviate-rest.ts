import type { Outcome } from "../batch/chunked-sender.js";
import type { ObjectInput } from "../schemas/objects.js";
import type { WeaviateRestObject, WeaviateRestObjectResult } from "../schemas/weaviate-rest.js";
import type { TypingIssue } from "./properties.js";

/** `weaviate://localhost/Class/uuid` or the older `weaviate://localhost/uuid` (class from the schema). */
const BEACON =
  /^weaviate:\/\/[^/]+\/(?:([A-Za-z][A-Za-z0-9_]*)\/)?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;

const isBeaconObject = (v: unknown): v is { beacon: unknown } =>
  typeof v === "object" && v !== null && !Array.isArray(v) && "beacon" in v;

/** A property value that is a non-empty list of `{beacon}` objects: Weaviate's cross-reference form. */
function isReferenceList(value: unknown): value is { beacon: unknown }[] {
  return Array.isArray(value) && value.length > 0 && value.every(isBeaconObject);
}

/**
 * Beacons → the gateway's reference form. With a class in every beacon it travels as a multi-target
 * reference (the server builds `weaviate://localhost/<class>/<uuid>` from it, valid for single-target
 * properties too); without, as a single-target one (the server takes the class from the schema). One
 * property naming several classes cannot travel: the server would keep only the last group.
 */
function toReference(
  beacons: { beacon: unknown }[],
  path: (string | number)[],
  issues: TypingIssue[],
): ObjectInput["references"] extends Record<string, infer R> | undefined ? R | undefined : never {
  const parsed = beacons.map((b, i) => {
    const m = typeof b.beacon === "string" ? BEACON.exec(b.beacon) : null;
    if (!m)
      issues.push({ path: [...path, i, "beacon"], message: "must be weaviate://localhost/<Class>/<uuid>" });
    return m ? { collection: m[1], id: m[2].toLowerCase() } : undefined;
  });
  if (parsed.some((p) => !p)) return undefined;
  const classes = new Set(parsed.map((p) => p!.collection));
  const ids = parsed.map((p) => p!.id);
  if (classes.size > 1) {
    issues.push({ path, message: "beacons of one property must all name the same class, or none" });
    return undefined;
  }
  const [collection] = classes;
  return collection ? { collection, ids } : ids;
}

/** A Weaviate REST object → the gateway's object input, beacons moved from properties to references. */
export function fromWeaviateRestObject(
  object: WeaviateRestObject,
  path: (string | number)[],
  issues: TypingIssue[],
): ObjectInput {
  const properties: Record<string, unknown> = {};
  const references: NonNullable<ObjectInput["references"]> = {};
  for (const [name, value] of Object.entries(object.properties ?? {})) {
    if (!isReferenceList(value)) properties[name] = value;
    else {
      const ref = toReference(value, [...path, "properties", name], issues);
      if (ref) references[name] = ref;
    }
  }
  return {
    id: object.id,
    properties,
    references,
    vector: object.vector ?? undefined,
    vectors: object.vectors ?? undefined,
    tenant: object.tenant || undefined,
  };
}

/** Weaviate's response element: the object echoed with its id and `result.status`. */
export function toWeaviateRestResult(object: WeaviateRestObject, outcome: Outcome): WeaviateRestObjectResult {
  const out: WeaviateRestObjectResult = {
    class: object.class,
    id: outcome.id,
    properties: object.properties ?? {},
    result: { status: outcome.error === undefined ? "SUCCESS" : "FAILED" },
  };
  if (object.vector) out.vector = object.vector;
  if (object.vectors) out.vectors = object.vectors;
  if (object.tenant) out.tenant = object.tenant;
  if (outcome.error !== undefined) {
    const message = outcome.grpcCode ? `${outcome.grpcCode}: ${outcome.error}` : outcome.error;
    out.result.errors = { error: [{ message }] };
  }
  return out;
}
