import {
  type GenerativeProvider,
  type GenerativeSearch,
  GenerativeOpenAI_ReasoningEffort as ReasoningEffort,
  GenerativeOpenAI_Verbosity as Verbosity,
} from "../gen/v1/generative.js";
import {
  type FieldKind,
  type GenerateInput,
  PROVIDER_FIELDS,
  type ProviderInput,
  type ProviderName,
} from "../schemas/generative.js";

/**
 * `generate` → GenerativeSearch in the ≥1.27 shape (`single` / `grouped` with `queries`), which Weaviate
 * reads only when SearchRequest.uses_127_api is true (weaviate-wire.md §3); the deprecated top-level
 * prompt fields are left empty. Only queries[0] is used by the server, so at most one provider is sent.
 */
export function toGenerativeSearch(g: GenerateInput): GenerativeSearch {
  const queries = g.provider ? [toProvider(g.provider, g.returnMetadata)] : [];
  return {
    single:
      g.singlePrompt === undefined ? undefined : { prompt: g.singlePrompt, debug: g.debug ?? false, queries },
    grouped:
      g.groupedTask === undefined
        ? undefined
        : {
            task: g.groupedTask,
            properties: g.groupedProperties ? { values: g.groupedProperties } : undefined,
            queries,
            debug: g.debug ?? false,
          },
  };
}

/** With no provider, `queries` stays empty and Weaviate uses the collection's generative module. */
function toProvider(provider: ProviderInput, returnMetadata = false): GenerativeProvider {
  const out: GenerativeProvider = { returnMetadata };
  for (const name of Object.keys(provider) as ProviderName[]) {
    (out as Record<string, unknown>)[name] = toProviderOptions(name, provider[name] ?? {});
  }
  return out;
}

/** Enum option values of GenerativeOpenAI, by JSON spelling. */
const ENUMS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  reasoningEffort: {
    minimal: ReasoningEffort.REASONING_EFFORT_MINIMAL,
    low: ReasoningEffort.REASONING_EFFORT_LOW,
    medium: ReasoningEffort.REASONING_EFFORT_MEDIUM,
    high: ReasoningEffort.REASONING_EFFORT_HIGH,
  },
  verbosity: {
    low: Verbosity.VERBOSITY_LOW,
    medium: Verbosity.VERBOSITY_MEDIUM,
    high: Verbosity.VERBOSITY_HIGH,
  },
};

/** JSON options → the provider message: int64 fields as bigint, string lists as TextArray, enums by name. */
export function toProviderOptions(
  name: ProviderName,
  options: Record<string, unknown>,
): Record<string, unknown> {
  const fields: Readonly<Record<string, FieldKind>> = PROVIDER_FIELDS[name];
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    const kind = fields[key];
    if (value === undefined || kind === undefined) continue;
    if (Array.isArray(kind)) out[key] = ENUMS[key][value as string];
    else if (kind === "int") out[key] = BigInt(value as number);
    else if (kind === "texts") out[key] = { values: value as string[] };
    else out[key] = value;
  }
  return out;
}
