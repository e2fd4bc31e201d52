import type { GenerativeResult } from "../gen/v1/generative.js";
import type { MetadataResult, SearchReply } from "../gen/v1/search_get.js";
import { int64ToJson, type Json } from "./values.js";

/**
 * Generated text in a reply. With uses_127_api=true Weaviate answers in GenerativeResult messages
 * (SearchResult.generative, GroupByResult.generative_result, SearchReply.generative_grouped_results); the
 * deprecated string fields are read only as a fallback for servers that still fill them.
 */
export interface GeneratedJson {
  generated: string;
  /** Provider usage, when `generate.returnMetadata` asked for it. */
  generatedMetadata?: Json;
  /** The prompt Weaviate sent, when `generate.debug` asked for it. */
  generatedPrompt?: string;
}

/** Only queries[0] is used by Weaviate, so values[0] is the one answer. */
export function generatedOf(
  result: GenerativeResult | undefined,
  legacy?: MetadataResult,
): Partial<GeneratedJson> {
  const reply = result?.values?.[0];
  if (!reply) return legacy?.generativePresent ? { generated: legacy.generative ?? "" } : {};
  const out: GeneratedJson = { generated: reply.result ?? "" };
  if (reply.metadata) out.generatedMetadata = protoToJson(reply.metadata);
  if (reply.debug?.fullPrompt !== undefined) out.generatedPrompt = reply.debug.fullPrompt;
  return out;
}

/** `generate.groupedTask` → the top-level `generated`. The deprecated field 3 is always set, often to "". */
export function groupedGeneratedOf(reply: SearchReply): Partial<GeneratedJson> {
  const out = generatedOf(reply.generativeGroupedResults);
  if (out.generated === undefined && reply.generativeGroupedResult)
    return { generated: reply.generativeGroupedResult };
  return out;
}

/** Provider metadata messages → JSON: int64 counts as numbers (or exact strings), TextArray as arrays. */
function protoToJson(value: unknown): Json {
  if (typeof value === "bigint") return int64ToJson(value);
  if (Array.isArray(value)) return value.map(protoToJson);
  if (value && typeof value === "object") {
    const keys = Object.keys(value);
    const obj = value as Record<string, unknown>;
    if (keys.length === 1 && keys[0] === "values" && Array.isArray(obj.values))
      return protoToJson(obj.values);
    const out: Record<string, Json> = {};
    for (const k of keys) if (obj[k] !== undefined) out[k] = protoToJson(obj[k]);
    return out;
  }
  return (value ?? null) as Json;
}
