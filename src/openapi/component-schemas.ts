import * as z from "zod";
import { DeleteBody } from "../schemas/delete.js";
import { FilterSchema, ReferencePathSchema } from "../schemas/filters.js";
import { BatchBody, ObjectBody, ObjectInput } from "../schemas/objects.js";
import { ReturnPropertySchema, ReturnReferenceSchema, SearchBody } from "../schemas/search.js";
import { WeaviateRestBatchBody } from "../schemas/weaviate-rest.js";

type JsonSchema = Record<string, unknown>;

/**
 * The request schemas of the OpenAPI document, generated with zod 4's `z.toJSONSchema` from the very
 * schemas the routes validate with, so the document cannot drift from what the gateway accepts.
 * Recursive schemas (filters, return properties and references) are registered under names of their own,
 * which turns their recursion into `$ref`s between components.
 */
const NAMED: readonly [string, z.ZodType][] = [
  ["SearchBody", SearchBody],
  ["ObjectBody", ObjectBody],
  ["ObjectInput", ObjectInput],
  ["BatchBody", BatchBody],
  ["DeleteBody", DeleteBody],
  ["WeaviateRestBatchBody", WeaviateRestBatchBody],
  ["Filter", FilterSchema],
  ["ReferencePath", ReferencePathSchema],
  ["ReturnProperty", ReturnPropertySchema],
  ["ReturnReference", ReturnReferenceSchema],
];

const PREFIX = "#/components/schemas/";
const SHARED = "__shared";

export function componentSchemas(): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of NAMED) registry.add(schema, { id });
  const generated = z.toJSONSchema(registry, {
    target: "draft-2020-12",
    // Requests are validated, so the document describes what a client may send (before transforms).
    io: "input",
    // Refinements and pipes (finite numbers, vector shapes) have no JSON Schema form: their base shape is
    // documented and the gateway's 400 names the rest.
    unrepresentable: "any",
    uri: (id) => `${PREFIX}${id}`,
  }).schemas as Record<string, JsonSchema>;

  // Schemas used by several components without a name of their own come out under `__shared`; each becomes
  // a component `Shared<Name>`, and `$schema`/`$id` go (OpenAPI 3.1 components share the document's dialect).
  const out: Record<string, JsonSchema> = {};
  const shared = (generated[SHARED]?.$defs ?? {}) as Record<string, JsonSchema>;
  for (const [name, schema] of Object.entries(shared)) out[sharedName(name)] = schema;
  for (const [name, schema] of Object.entries(generated)) {
    if (name === SHARED) continue;
    const { $schema: _s, $id: _i, ...rest } = schema;
    out[name] = rest;
  }
  return JSON.parse(
    JSON.stringify(out).replace(
      new RegExp(`"${PREFIX}${SHARED}#/\\$defs/([A-Za-z0-9_]+)"`, "g"),
      (_m, name: string) => `"${PREFIX}${sharedName(name)}"`,
    ),
  ) as Record<string, JsonSchema>;
}

const sharedName = (def: string) => `Shared${def.charAt(0).toUpperCase()}${def.slice(1)}`;
