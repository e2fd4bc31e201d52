import { describe, expect, it } from "vitest";
import { ApiError, PROBLEM_TYPES } from "./api-error.js";

describe("ApiError.toInit", () => {
  it("gives back every field, so an error rebuilt from it (across a thread) is the same error", () => {
    const error = new ApiError({
      status: 429,
      title: "Too many",
      detail: "slow down",
      type: PROBLEM_TYPES.rateLimited,
      errors: [{ path: "objects[1].vector", message: "must be a vector" }],
      grpcCode: "RESOURCE_EXHAUSTED",
      headers: { "retry-after": "2" },
    });
    const init = structuredClone(error.toInit());
    expect({ ...new ApiError(init) }).toEqual({ ...error });
    expect(new ApiError(init).message).toBe(error.message);
  });
});
