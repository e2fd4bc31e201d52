import { PROBLEM_TYPES } from "../errors/api-error.js";
import { WEAVIATE_JSON_METHODS, WEAVIATE_SERVICE } from "../grpc/json-methods.js";
import { componentSchemas } from "./component-schemas.js";
import { REPLY_SCHEMAS } from "./reply-schemas.js";

export interface OpenApiOptions {
  /** `info.version`. */
  readonly version?: string;
  /** Absolute or relative base URL of the gateway (`servers[0].url`); default "/" (same origin). */
  readonly serverUrl?: string;
}

type Obj = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Obj, examples?: Obj) => ({
  "application/json": { schema, ...(examples && { examples }) },
});
const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: ref("Problem") } },
});

/** Errors any call to Weaviate can answer (the gRPC → HTTP table, api.md). */
const UPSTREAM_ERRORS = {
  "401": problem("Missing or wrong gateway key, or Weaviate refused the gateway's credentials"),
  "403": problem("The key may not do this"),
  "429": problem("Rate limited, by the gateway or by Weaviate"),
  "502": problem("Weaviate failed in a way the gateway cannot name"),
  "503": problem("Weaviate is unavailable"),
  "504": problem("Weaviate did not answer in time"),
};
const BODY_ERRORS = {
  "400": problem("Malformed JSON or invalid fields; `errors` names each bad field"),
  "413": problem("The body is over the size limit"),
  "415": problem("The body is not application/json"),
};

const collection = {
  name: "collection",
  in: "path",
  required: true,
  description: "Collection (class) name; Weaviate upper-cases its first letter.",
  schema: { type: "string", pattern: "^[A-Za-z][A-Za-z0-9_]*$" },
  example: "Article",
};
const objectId = { name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } };
const query = (name: string, description: string, schema: Obj = { type: "string" }) => ({
  name,
  in: "query",
  required: false,
  description,
  schema,
});
const tenantQ = query("tenant", "Tenant of a multi-tenant collection (the body's value wins).");
const consistencyQ = query("consistencyLevel", "Replication consistency (the body's value wins).", {
  type: "string",
  enum: ["ONE", "QUORUM", "ALL"],
});

function op(o: {
  id: string;
  tag: string;
  summary: string;
  description?: string;
  parameters?: Obj[];
  body?: { schema: Obj; examples?: Obj; content?: Obj };
  ok: Obj;
  errors?: Obj;
  security?: false;
}): Obj {
  return {
    operationId: o.id,
    tags: [o.tag],
    summary: o.summary,
    ...(o.description && { description: o.description }),
    ...(o.parameters && { parameters: o.parameters }),
    ...(o.body && {
      requestBody: { required: true, content: o.body.content ?? json(o.body.schema, o.body.examples) },
    }),
    responses: { ...o.ok, ...o.errors },
    ...(o.security === false && { security: [] }),
  };
}

const example = (summary: string, value: unknown) => ({ summary, value });

function paths(): Obj {
  const withUpstream = { ...BODY_ERRORS, ...UPSTREAM_ERRORS };
  const p: Obj = {
    "/healthz": {
      get: op({
        id: "healthz",
        tag: "Operations",
        summary: "Liveness: the process is up",
        ok: { "200": { description: "Up", content: json({ type: "object" }) } },
        security: false,
      }),
    },
    "/readyz": {
      get: op({
        id: "readyz",
        tag: "Operations",
        summary: "Readiness: Weaviate answers its health check",
        ok: { "200": { description: "Ready", content: json({ type: "object" }) } },
        errors: { "503": problem("Weaviate does not answer") },
        security: false,
      }),
    },
    "/metrics": {
      get: op({
        id: "metrics",
        tag: "Operations",
        summary: "Prometheus metrics (text exposition format)",
        ok: { "200": { description: "Metrics", content: { "text/plain": { schema: { type: "string" } } } } },
        security: false,
      }),
    },
    "/openapi.json": {
      get: op({
        id: "openapi",
        tag: "Operations",
        summary: "This OpenAPI 3.1 document",
        ok: { "200": { description: "The document", content: json({ type: "object" }) } },
        security: false,
      }),
    },
    "/docs": {
      get: op({
        id: "docs",
        tag: "Operations",
        summary: "Interactive API reference (HTML)",
        ok: { "200": { description: "The page", content: { "text/html": { schema: { type: "string" } } } } },
        security: false,
      }),
    },
    "/v1/collections/{collection}/search": {
      post: op({
        id: "search",
        tag: "Search",
        summary: "Search a collection",
        description:
          "Every kind of search: fetch (no operator), nearVector, nearText, nearObject, bm25, hybrid, near-media; with filters, sort, paging, groupBy, rerank and generate. At most one search operator.",
        parameters: [collection, tenantQ, consistencyQ],
        body: {
          schema: ref("SearchBody"),
          examples: {
            bm25: example("Keyword search", { bm25: { query: "solar power" }, limit: 5 }),
            nearVector: example("Vector search with a filter", {
              nearVector: { vector: [0.1, 0.2, 0.3], distance: 0.4 },
              filters: { property: "year", operator: "greaterThan", value: 2020 },
              returnMetadata: ["distance"],
            }),
            hybrid: example("Hybrid search", {
              hybrid: { query: "renewable energy", alpha: 0.5 },
              limit: 10,
            }),
          },
        },
        ok: { "200": { description: "Matching objects", content: json(ref("SearchReply")) } },
        errors: {
          ...withUpstream,
          "404": problem("Unknown collection"),
          "422": problem("Missing module or tenant"),
        },
      }),
    },
    "/v1/collections/{collection}/objects": {
      get: op({
        id: "listObjects",
        tag: "Objects",
        summary: "List objects (cursor paging)",
        parameters: [
          collection,
          query("limit", "Page size (default 25).", { type: "integer", minimum: 1, maximum: 10000 }),
          query("after", "Cursor: the last id of the previous page.", { type: "string", format: "uuid" }),
          query("properties", "Comma-separated property names to return."),
          query("includeVector", "`true`, `false` or comma-separated named vectors."),
          query("metadata", "`all` or comma-separated metadata fields."),
          tenantQ,
          consistencyQ,
        ],
        ok: { "200": { description: "One page", content: json(ref("ObjectPage")) } },
        errors: { "400": BODY_ERRORS["400"], "404": problem("Unknown collection"), ...UPSTREAM_ERRORS },
      }),
      post: op({
        id: "insertObject",
        tag: "Objects",
        summary: "Insert or replace one object",
        description:
          "Answers the id the object was stored under (yours, a random v4, or deterministic with `ids`).",
        parameters: [collection, tenantQ, consistencyQ],
        body: {
          schema: ref("ObjectBody"),
          examples: {
            simple: example("An article", {
              properties: { title: "Hello", tags: ["a"] },
              vector: [0.1, 0.2, 0.3],
            }),
          },
        },
        ok: { "200": { description: "Stored", content: json(ref("ObjectId")) } },
        errors: {
          ...withUpstream,
          "404": problem("Unknown collection"),
          "422": problem("Weaviate rejected the object"),
        },
      }),
    },
    "/v1/collections/{collection}/objects/{id}": {
      get: op({
        id: "getObject",
        tag: "Objects",
        summary: "Get one object",
        parameters: [collection, objectId, tenantQ, consistencyQ],
        ok: { "200": { description: "The object", content: json(ref("SearchObject")) } },
        errors: {
          "400": BODY_ERRORS["400"],
          "404": problem("No such object or collection"),
          ...UPSTREAM_ERRORS,
        },
      }),
      delete: op({
        id: "deleteObject",
        tag: "Objects",
        summary: "Delete one object",
        parameters: [collection, objectId, tenantQ, consistencyQ],
        ok: { "204": { description: "Deleted (or already absent)" } },
        errors: { "400": BODY_ERRORS["400"], "404": problem("Unknown collection"), ...UPSTREAM_ERRORS },
      }),
    },
    "/v1/collections/{collection}/objects/batch": {
      post: op({
        id: "batchObjects",
        tag: "Objects",
        summary: "Insert or replace many objects",
        description:
          "One result per input object, in input order. `ids: deterministic` makes re-sends replace.",
        parameters: [collection, tenantQ, consistencyQ],
        body: {
          schema: ref("BatchBody"),
          examples: {
            two: example("Two objects, deterministic ids", {
              ids: "deterministic",
              objects: [{ properties: { title: "a" } }, { properties: { title: "b" } }],
            }),
          },
        },
        ok: { "200": { description: "Per-object results", content: json(ref("BatchResult")) } },
        errors: { ...withUpstream, "404": problem("Unknown collection") },
      }),
    },
    "/v1/collections/{collection}/objects/import": {
      post: op({
        id: "importObjects",
        tag: "Objects",
        summary: "Stream an NDJSON import",
        description:
          "One ObjectInput per line, any size, in bounded memory. Answers NDJSON as it goes: one result line per non-blank input line (`{line, index, id, status, error?}`), with `?progress=1` also `{progress: {objects, succeeded, failed, objectsPerSecond}}` lines, and a final `{summary}` line.",
        parameters: [
          collection,
          tenantQ,
          consistencyQ,
          query("ids", "`random` (default) or `deterministic`.", {
            type: "string",
            enum: ["random", "deterministic"],
          }),
          query("progress", "`1` adds progress lines for a person watching (`curl -N`).", {
            type: "string",
            enum: ["0", "1"],
          }),
          query("progressEvery", "Objects between progress lines (default 1000; also at least every 2 s).", {
            type: "integer",
            minimum: 1,
          }),
        ],
        body: {
          schema: { type: "string" },
          content: {
            "application/x-ndjson": {
              schema: { type: "string", description: "One JSON object (ObjectInput) a line." },
              example: '{"properties": {"title": "a"}}\n{"properties": {"title": "b"}}\n',
            },
          },
        },
        ok: {
          "200": {
            description: "NDJSON result lines, progress lines (opt-in) and a summary line",
            content: { "application/x-ndjson": { schema: { type: "string" } } },
          },
        },
        errors: { "400": BODY_ERRORS["400"], "415": problem("The body is not application/x-ndjson") },
      }),
    },
    "/v1/collections/{collection}/objects/delete": {
      post: op({
        id: "deleteObjects",
        tag: "Objects",
        summary: "Delete objects matching a filter",
        parameters: [collection, tenantQ, consistencyQ],
        body: {
          schema: ref("DeleteBody"),
          examples: {
            dryRun: example("Dry run first", {
              filters: { property: "year", operator: "lessThan", value: 2020 },
              dryRun: true,
              verbose: true,
            }),
          },
        },
        ok: { "200": { description: "What matched and was deleted", content: json(ref("DeleteResult")) } },
        errors: { ...withUpstream, "404": problem("Unknown collection") },
      }),
    },
    "/v1/batch/objects": {
      post: op({
        id: "weaviateRestBatch",
        tag: "Weaviate REST compatibility",
        summary: "Weaviate's own REST batch endpoint (drop-in)",
        description:
          "Same request and response JSON as Weaviate's `POST /v1/batch/objects`: change only the base URL.",
        parameters: [query("consistency_level", "ONE, QUORUM or ALL.")],
        body: { schema: ref("WeaviateRestBatchBody") },
        ok: {
          "200": {
            description: "Weaviate's per-object results",
            content: json({ type: "array", items: { type: "object" } }),
          },
        },
        errors: withUpstream,
      }),
    },
    "/v1/hooks/{name}": {
      post: op({
        id: "webhook",
        tag: "Webhooks",
        summary: "Ingest a webhook delivery",
        description:
          "Configured per hook (GATEWAY_HOOKS): the signature is checked (GitHub X-Hub-Signature-256, Stripe Stripe-Signature, or a generic HMAC-SHA256 header), the payload is mapped to one object and written with a stable id, so redeliveries replace instead of duplicating. Hooks authenticate by signature, not by gateway key.",
        parameters: [
          { name: "name", in: "path", required: true, schema: { type: "string" }, example: "github-issues" },
        ],
        body: { schema: { type: "object", additionalProperties: true } },
        ok: { "200": { description: "Stored", content: json(ref("HookResult")) } },
        errors: {
          ...UPSTREAM_ERRORS,
          "400": problem("The body is not JSON"),
          "401": problem("Missing or wrong signature, or a stale timestamp"),
          "404": problem("No hook of that name"),
          "413": BODY_ERRORS["413"],
          "422": problem("The payload lacks a mapped path (or Weaviate rejected the object)"),
        },
        security: false,
      }),
    },
  };
  for (const name of WEAVIATE_JSON_METHODS.keys()) {
    p[`/v1/rpc/${WEAVIATE_SERVICE}/${name}`] = {
      post: op({
        id: `rpc${name}`,
        tag: "gRPC transcoding",
        summary: `${WEAVIATE_SERVICE}/${name} in proto3 JSON`,
        description: `Generic transcoding: the body is the ${name} request message in proto3 canonical JSON, the answer is the reply message likewise.`,
        body: { schema: ref("ProtoJson") },
        ok: { "200": { description: "The reply message", content: json(ref("ProtoJson")) } },
        errors: { ...withUpstream, "404": problem("Not found (unknown collection)") },
      }),
    };
  }
  return p;
}

/**
 * The OpenAPI 3.1 document of the gateway: request schemas generated from the zod schemas that validate
 * requests, reply schemas, error responses (problem+json) and the security scheme.
 */
export function buildOpenApi(options: OpenApiOptions = {}): Obj {
  return {
    openapi: "3.1.0",
    info: {
      title: "Weaviate REST gateway",
      version: options.version ?? "0.1.0",
      description: `JSON over HTTP for Weaviate's gRPC API. Errors are RFC 9457 problem documents; problem types: ${Object.values(PROBLEM_TYPES).join(", ")}.`,
      license: { name: "Apache-2.0", identifier: "Apache-2.0" },
    },
    servers: [{ url: options.serverUrl ?? "/" }],
    tags: [
      { name: "Search" },
      { name: "Objects" },
      { name: "Webhooks" },
      { name: "gRPC transcoding" },
      { name: "Weaviate REST compatibility" },
      { name: "Operations" },
    ],
    // Either key header, or none when the gateway runs without keys (GATEWAY_AUTH=open or passthrough).
    security: [{ bearerAuth: [] }, { apiKeyHeader: [] }, {}],
    paths: paths(),
    components: {
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          description: "A gateway API key (GATEWAY_API_KEYS) as `Authorization: Bearer <key>`.",
        },
        apiKeyHeader: {
          type: "apiKey",
          in: "header",
          name: "x-api-key",
          description:
            "A gateway API key (GATEWAY_API_KEYS); the header to use when Authorization goes to Weaviate (GATEWAY_AUTH=passthrough).",
        },
      },
      schemas: { ...componentSchemas(), ...REPLY_SCHEMAS },
    },
  };
}
