import type { ObjectInput } from "../schemas/objects.js";
import { deterministicId, uuidV5 } from "../translate/ids.js";
import type { HookConfig } from "./hook-config.js";
import { readPath } from "./map-payload.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The id a delivery is stored under, stable across redeliveries so they replace instead of duplicating:
 * - `content`: UUID v5 of the collection and the mapped object (the deterministic ids of the batch API);
 * - `{path}` / `{header}`: that value; a UUID as is, anything else a UUID v5 of hook name and value.
 * Answers `{missing}` when the path or header is absent (the delivery cannot get a stable id).
 */
export async function hookObjectId(
  hook: HookConfig,
  object: ObjectInput,
  payload: unknown,
  headers: Headers,
): Promise<string | { missing: string }> {
  if (hook.id === "content") return deterministicId(hook.collection, object, hook.tenant);
  const source = "path" in hook.id ? hook.id.path : hook.id.header;
  const value = "path" in hook.id ? readPath(payload, hook.id.path) : headers.get(hook.id.header);
  if (value === undefined || value === null || value === "") return { missing: source };
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return UUID.test(text) ? text.toLowerCase() : uuidV5(`hook:${hook.name}\n${text}`);
}
