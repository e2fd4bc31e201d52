import { HealthDefinition } from "../gen/grpc/health/v1/health.js";
import { WeaviateDefinition } from "../gen/v1/weaviate.js";
import { unaryMethod } from "./transport.js";

/** Every unary RPC the gateway calls, resolved once at module load. */
export const methods = {
  search: unaryMethod(WeaviateDefinition, "search"),
  batchObjects: unaryMethod(WeaviateDefinition, "batchObjects"),
  batchReferences: unaryMethod(WeaviateDefinition, "batchReferences"),
  batchDelete: unaryMethod(WeaviateDefinition, "batchDelete"),
  tenantsGet: unaryMethod(WeaviateDefinition, "tenantsGet"),
  aggregate: unaryMethod(WeaviateDefinition, "aggregate"),
  healthCheck: unaryMethod(HealthDefinition, "check"),
} as const;

export type MethodName = keyof typeof methods;
