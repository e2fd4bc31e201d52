import type * as z from "zod";

/** Key sets given a schema of their own; beyond this, bodies are validated by the full schema. */
const MAX_NARROWED = 64;

/**
 * For an object schema whose keys are all optional: picks, for each value, a schema built from only the
 * keys the value has. Validating `{ "limit": 10, "returnProperties": [..] }` against the full search
 * schema runs all of its 28 key schemas, present or not; in `npm run bench` that was the larger part of
 * the gateway's validation cost. The verdict, output and error messages are the full schema's: absent
 * optional keys contribute nothing, `build` applies the same refinements, and any value with a key
 * outside the shape (or that is not a plain object) gets the full schema, which reports it.
 *
 * The search route narrows search.ts's fast schema (vectors checked in one loop), whose refusals are
 * terse: it validates with validateFast, so the errors a client reads come from the full SearchBody.
 *
 * A key set gets its schema the second time it is seen (the first request after start pays nothing
 * extra), and at most MAX_NARROWED key sets ever do, so a client cycling through key combinations cannot
 * grow memory or make the gateway build schemas: it only gets the full schema.
 */
export function narrowByKeys<T>(
  shape: Readonly<Record<string, z.ZodType>>,
  build: (picked: Record<string, z.ZodType>) => z.ZodType<T>,
  full: z.ZodType<T>,
): (value: unknown) => z.ZodType<T> {
  const keys = Object.keys(shape);
  for (const key of keys) {
    if (shape[key]._zod.optin !== "optional") throw new Error(`narrowByKeys: "${key}" is not optional`);
  }
  const narrowed = new Map<string, z.ZodType<T>>();
  const seen = new Set<string>();
  return (value) => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return full;
    let signature = "";
    let present = 0;
    for (const key of keys) {
      if (Object.hasOwn(value, key)) {
        signature += `${key},`;
        present++;
      }
    }
    if (present !== Object.keys(value).length) return full;
    const schema = narrowed.get(signature);
    if (schema) return schema;
    if (narrowed.size >= MAX_NARROWED) return full;
    if (!seen.has(signature)) {
      if (seen.size < MAX_NARROWED * 4) seen.add(signature);
      return full;
    }
    const built = build(
      Object.fromEntries(keys.filter((k) => Object.hasOwn(value, k)).map((k) => [k, shape[k]])),
    );
    narrowed.set(signature, built);
    return built;
  };
}
