import * as z from "zod";
import { PropertyName } from "./common.js";

/**
 * `generate` of the search body: retrieval-augmented generation (generative.proto). The per-request
 * provider overrides are described once, as a table of field kinds per provider, from which both the
 * zod schema and the translation (translate/generative-request.ts) are derived. Field names are the
 * camelCase names of the generated messages (`GenerativeOpenAI.maxTokens`, ...).
 */

export type FieldKind = "string" | "number" | "int" | "boolean" | "texts" | readonly string[];

const common = { model: "string", temperature: "number" } as const;
const images = { images: "texts", imageProperties: "texts" } as const;

export const PROVIDER_FIELDS = {
  anthropic: {
    ...common,
    ...images,
    baseUrl: "string",
    maxTokens: "int",
    topK: "int",
    topP: "number",
    stopSequences: "texts",
  },
  anyscale: { ...common, baseUrl: "string" },
  aws: {
    ...common,
    ...images,
    service: "string",
    region: "string",
    endpoint: "string",
    targetModel: "string",
    targetVariant: "string",
    maxTokens: "int",
    stopSequences: "texts",
  },
  cohere: {
    ...common,
    ...images,
    baseUrl: "string",
    frequencyPenalty: "number",
    maxTokens: "int",
    k: "int",
    p: "number",
    presencePenalty: "number",
    stopSequences: "texts",
  },
  dummy: {},
  mistral: { ...common, baseUrl: "string", maxTokens: "int", topP: "number" },
  ollama: { ...common, ...images, apiEndpoint: "string" },
  openai: {
    ...common,
    ...images,
    frequencyPenalty: "number",
    maxTokens: "int",
    n: "int",
    presencePenalty: "number",
    stop: "texts",
    topP: "number",
    baseUrl: "string",
    apiVersion: "string",
    resourceName: "string",
    deploymentId: "string",
    isAzure: "boolean",
    reasoningEffort: ["minimal", "low", "medium", "high"],
    verbosity: ["low", "medium", "high"],
  },
  google: {
    ...common,
    ...images,
    frequencyPenalty: "number",
    maxTokens: "int",
    presencePenalty: "number",
    topK: "int",
    topP: "number",
    stopSequences: "texts",
    apiEndpoint: "string",
    projectId: "string",
    endpointId: "string",
    region: "string",
    location: "string",
  },
  databricks: {
    ...common,
    endpoint: "string",
    frequencyPenalty: "number",
    logProbs: "boolean",
    topLogProbs: "int",
    maxTokens: "int",
    n: "int",
    presencePenalty: "number",
    stop: "texts",
    topP: "number",
  },
  friendliai: { ...common, baseUrl: "string", maxTokens: "int", n: "int", topP: "number" },
  nvidia: { ...common, baseUrl: "string", topP: "number", maxTokens: "int" },
  xai: { ...common, ...images, baseUrl: "string", topP: "number", maxTokens: "int" },
  contextualai: {
    ...common,
    topP: "number",
    maxNewTokens: "int",
    systemPrompt: "string",
    avoidCommentary: "boolean",
    knowledge: "texts",
  },
  deepseek: {
    ...common,
    baseUrl: "string",
    maxTokens: "int",
    frequencyPenalty: "number",
    presencePenalty: "number",
    topP: "number",
    stop: "texts",
  },
} as const satisfies Record<string, Record<string, FieldKind>>;

export type ProviderName = keyof typeof PROVIDER_FIELDS;
export const PROVIDER_NAMES = Object.keys(PROVIDER_FIELDS) as ProviderName[];

function fieldSchema(kind: FieldKind): z.ZodType {
  if (Array.isArray(kind)) return z.enum(kind as [string, ...string[]]);
  switch (kind) {
    case "string":
      return z.string();
    case "number":
      return z.number().refine(Number.isFinite, "must be a finite number");
    case "int":
      return z.int().min(0);
    case "boolean":
      return z.boolean();
    default:
      return z.array(z.string());
  }
}

/**
 * One optional schema per field kind, shared by every provider that has a field of that kind: zod schemas
 * are immutable, and building ~150 of them at start-up was a measurable part of the cold start.
 */
const optionalFields = new Map<FieldKind, z.ZodType>();
function optionalField(kind: FieldKind): z.ZodType {
  let schema = optionalFields.get(kind);
  if (!schema) {
    schema = fieldSchema(kind).optional();
    optionalFields.set(kind, schema);
  }
  return schema;
}

const providerSchemas = Object.fromEntries(
  PROVIDER_NAMES.map((name) => [
    name,
    z
      .strictObject(
        Object.fromEntries(
          Object.entries(PROVIDER_FIELDS[name]).map(([k, kind]) => [k, optionalField(kind)]),
        ),
      )
      .optional(),
  ]),
);

/** `{ "openai": { "model": "gpt-4o" } }`: exactly one provider, with its optional overrides. */
export const ProviderSchema = z
  .strictObject(providerSchemas)
  .refine((p) => Object.keys(p).length === 1, `must name exactly one provider: ${PROVIDER_NAMES.join(", ")}`);
export type ProviderInput = Partial<Record<ProviderName, Record<string, unknown>>>;

export const GenerateSchema = z
  .strictObject({
    singlePrompt: z.string().min(1).optional(),
    groupedTask: z.string().min(1).optional(),
    groupedProperties: z.array(PropertyName).min(1).optional(),
    provider: ProviderSchema.optional(),
    /** Ask the provider for usage metadata (GenerativeProvider.return_metadata). */
    returnMetadata: z.boolean().optional(),
    /** Return the prompt Weaviate sent for each object (GenerativeSearch.Single.debug). */
    debug: z.boolean().optional(),
  })
  .superRefine((g, ctx) => {
    if (g.singlePrompt === undefined && g.groupedTask === undefined) {
      ctx.addIssue({ code: "custom", message: "needs singlePrompt, groupedTask or both" });
    }
    if (g.returnMetadata && !g.provider) {
      // return_metadata lives on GenerativeProvider, which needs a provider kind in its oneof.
      ctx.addIssue({ code: "custom", path: ["returnMetadata"], message: "needs a provider" });
    }
    if (g.groupedProperties && g.groupedTask === undefined) {
      ctx.addIssue({ code: "custom", path: ["groupedProperties"], message: "only applies with groupedTask" });
    }
  });
export type GenerateInput = z.infer<typeof GenerateSchema>;
