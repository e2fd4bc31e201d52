import { describe, expect, it } from "vitest";
import { Code, GrpcError } from "../grpc/status.js";
import { grpcErrorToApiError } from "./grpc-to-http.js";

/** Weaviate messages the route fuzzer found answered 502: user mistakes, reported as UNKNOWN. */
describe("reclassifying UNKNOWN messages found by fuzzing", () => {
  it.each([
    ['could not get tenants: multi-tenancy is not enabled for class "Article"', 422],
    ["batch delete params: no filters in batch delete request", 400],
    ["vector search: vector lengths don't match: 10017 vs 3", 400],
    ["VectorFromInput was called without vectorizer on class Z for input x", 422],
  ])("%s → %i", (message, status) => {
    expect(grpcErrorToApiError(new GrpcError(Code.UNKNOWN, message)).status).toBe(status);
  });

  it("still answers 502 for an UNKNOWN nothing explains", () => {
    expect(grpcErrorToApiError(new GrpcError(Code.UNKNOWN, "segfault in shard 3")).status).toBe(502);
  });
});
