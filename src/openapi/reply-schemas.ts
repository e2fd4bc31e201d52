/**
 * JSON Schemas of the replies. Replies are built by the translators (not parsed with zod), so these are
 * written out here, beside the request schemas generated from zod; the tests check real replies against
 * the shapes that matter.
 */

const uuid = { type: "string", format: "uuid", examples: ["0b5cbd2e-1f0b-4d5e-9c8a-1b2c3d4e5f60"] };
const vector = { type: "array", items: { type: "number" }, description: "float32 values" };

export const REPLY_SCHEMAS: Record<string, Record<string, unknown>> = {
  Problem: {
    type: "object",
    description: "RFC 9457 problem details; every error answer of the gateway has this shape.",
    properties: {
      type: { type: "string", format: "uri", description: "A stable URI naming the kind of problem." },
      title: { type: "string" },
      status: { type: "integer", minimum: 400, maximum: 599 },
      detail: { type: "string" },
      errors: {
        type: "array",
        description: "One entry per invalid field.",
        items: {
          type: "object",
          properties: {
            path: { type: "string", examples: ["nearVector.vector[3]"] },
            message: { type: "string" },
          },
          required: ["path", "message"],
        },
      },
      grpcCode: {
        type: "string",
        description: "Weaviate's gRPC status, when it answered with an error.",
        examples: ["UNAVAILABLE"],
      },
    },
    required: ["type", "title", "status"],
    examples: [
      {
        type: "https://weaviate-rest-gateway.dev/problems/invalid-request",
        title: "Invalid request",
        status: 400,
        detail: "1 invalid field",
        errors: [{ path: "limit", message: "must be at least 1" }],
      },
    ],
  },
  SearchObject: {
    type: "object",
    properties: {
      id: uuid,
      collection: { type: "string" },
      properties: { type: "object", additionalProperties: true },
      references: {
        type: "object",
        additionalProperties: { type: "array", items: { $ref: "#/components/schemas/SearchObject" } },
      },
      metadata: { type: "object", additionalProperties: true, description: "Only what Weaviate reported." },
      vector: vector,
      vectors: { type: "object", additionalProperties: true },
      generated: { type: "string" },
    },
  },
  SearchReply: {
    type: "object",
    properties: {
      objects: { type: "array", items: { $ref: "#/components/schemas/SearchObject" } },
      groups: { type: "array", items: { type: "object", additionalProperties: true } },
      generated: { type: "string" },
      tookMs: { type: "number" },
    },
    required: ["objects"],
  },
  ObjectPage: {
    type: "object",
    properties: {
      objects: { type: "array", items: { $ref: "#/components/schemas/SearchObject" } },
      nextAfter: { type: ["string", "null"], description: "Pass as `?after=` for the next page." },
    },
    additionalProperties: true,
  },
  ObjectId: { type: "object", properties: { id: uuid }, required: ["id"] },
  ObjectResult: {
    type: "object",
    properties: {
      index: { type: "integer" },
      id: { type: ["string", "null"] },
      status: { type: "string", enum: ["success", "failed"] },
      error: { type: "string" },
      grpcCode: { type: "string" },
    },
    required: ["index", "id", "status"],
  },
  BatchResult: {
    type: "object",
    properties: {
      results: { type: "array", items: { $ref: "#/components/schemas/ObjectResult" } },
      succeeded: { type: "integer" },
      failed: { type: "integer" },
      tookMs: { type: "number" },
    },
    required: ["results", "succeeded", "failed"],
  },
  DeleteResult: {
    type: "object",
    properties: {
      matches: { type: "integer" },
      successful: { type: "integer" },
      failed: { type: "integer" },
      dryRun: { type: "boolean" },
      objects: {
        type: "array",
        items: {
          type: "object",
          properties: { id: uuid, successful: { type: "boolean" }, error: { type: "string" } },
        },
      },
      tookMs: { type: "number" },
    },
    required: ["matches", "successful", "failed", "dryRun"],
  },
  HookResult: {
    type: "object",
    properties: { id: uuid, collection: { type: "string" }, status: { type: "string", enum: ["success"] } },
    required: ["id", "collection", "status"],
  },
  ProtoJson: {
    type: "object",
    additionalProperties: true,
    description:
      "A protobuf message of weaviate.v1 in proto3 canonical JSON: lowerCamelCase field names, int64 as decimal strings, bytes as base64, enums by name.",
  },
};
