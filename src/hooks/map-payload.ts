import type { ObjectInput } from "../schemas/objects.js";
import type { HookConfig } from "./hook-config.js";

/** The value at a payload path (`issue.labels[0].name`), or undefined when any step is absent. */
export function readPath(payload: unknown, path: string): unknown {
  let value: unknown = payload;
  for (const step of path.replace(/\?$/, "").match(/[^.[\]]+/g) ?? []) {
    if (value === null || typeof value !== "object") return undefined;
    value =
      Array.isArray(value) && /^\d+$/.test(step)
        ? value[Number(step)]
        : (value as Record<string, unknown>)[step];
  }
  return value;
}

/**
 * A webhook payload → the object to store, following the hook's mapping. A required path (no trailing
 * `?`) that is absent or null makes the payload unmappable: the caller answers 422 naming every such path.
 */
export function mapPayload(
  hook: HookConfig,
  payload: unknown,
): { object: ObjectInput; missing?: undefined } | { missing: string[] } {
  const missing: string[] = [];
  const properties: Record<string, unknown> = {};
  for (const [property, path] of Object.entries(hook.properties)) {
    const value = readPath(payload, path);
    if (value === undefined || value === null) {
      if (!path.endsWith("?")) missing.push(path);
      continue;
    }
    properties[property] = value;
  }
  let vector: unknown;
  if (hook.vector) {
    vector = readPath(payload, hook.vector);
    if (vector === undefined || vector === null) {
      if (!hook.vector.endsWith("?")) missing.push(hook.vector);
      vector = undefined;
    }
  }
  if (missing.length) return { missing };
  return { object: { properties, ...(vector !== undefined && { vector }) } as ObjectInput };
}
