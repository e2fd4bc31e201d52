import type { ObjectInput } from "../schemas/objects.js";

/**
 * Object ids are assigned before the first gRPC call, so a retried call replaces what an earlier attempt
 * may have stored instead of adding a duplicate (weaviate-wire.md §5: every BatchObject needs a uuid).
 */

export type IdMode = "random" | "deterministic";

/**
 * The namespace of deterministic ids (UUID v5). Fixed forever: changing it would give every re-sent
 * object a new id and so duplicate it.
 */
export const ID_NAMESPACE = "a842145b-d97b-41cc-a159-5085981047fe";

/** JSON with object keys sorted at every depth, so equal content gives equal text whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function hexToBytes(uuid: string): Uint8Array {
  const hex = uuid.replace(/-/g, "");
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** 16 bytes → lowercase canonical UUID text. */
export function bytesToUuid(bytes: Uint8Array): string {
  let hex = "";
  for (const b of bytes) hex += b.toString(16).padStart(2, "0");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

const encoder = new TextEncoder();

/** RFC 9562 UUID v5 (SHA-1 of namespace bytes + name), with Web Crypto so every runtime computes it alike. */
export async function uuidV5(name: string, namespace = ID_NAMESPACE): Promise<string> {
  const nameBytes = encoder.encode(name);
  const input = new Uint8Array(16 + nameBytes.byteLength);
  input.set(hexToBytes(namespace));
  input.set(nameBytes, 16);
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-1", input));
  const bytes = hash.slice(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  return bytesToUuid(bytes);
}

/**
 * Weaviate upper-cases a collection's first letter (weaviate-wire.md §5), so `article` and `Article` are
 * one collection and must give one id.
 */
const canonicalCollection = (c: string) => c.charAt(0).toUpperCase() + c.slice(1);

/** The v5 id of an object: collection and canonical content (properties, vectors, references, tenant). */
export function deterministicId(collection: string, object: ObjectInput, tenant?: string): Promise<string> {
  const content = {
    properties: object.properties,
    vector: object.vector,
    vectors: object.vectors,
    references: object.references,
    tenant: object.tenant ?? tenant,
  };
  return uuidV5(`${canonicalCollection(collection)}\n${canonicalJson(content)}`);
}

/** The id an object is stored under: its own, else one derived from its content or a random v4. */
export function assignId(
  collection: string,
  object: ObjectInput,
  mode: IdMode | undefined,
  tenant?: string,
): Promise<string> | string {
  if (object.id) return object.id;
  return mode === "deterministic" ? deterministicId(collection, object, tenant) : crypto.randomUUID();
}
