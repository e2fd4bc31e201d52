import { describe, expect, it } from "vitest";
import type { ApiKeySpec } from "./api-keys.js";
import { callTarget, checkScope } from "./authorize-call.js";

const key = (over: Partial<ApiKeySpec>): ApiKeySpec => ({
  name: "k",
  key: "x".repeat(16),
  collections: ["Article"],
  actions: ["read"],
  tenants: ["*"],
  ...over,
});
const W = "/weaviate.v1.Weaviate";

describe("checkScope on the upstream request", () => {
  it.each([
    ["a read of its collection", key({}), `${W}/Search`, { collection: "Article" }, undefined],
    ["a lower-case spelling of its collection", key({}), `${W}/Search`, { collection: "article" }, undefined],
    ["another collection", key({}), `${W}/Search`, { collection: "Secret" }, "collection Secret"],
    [
      "a write with a read-only key",
      key({}),
      `${W}/BatchObjects`,
      { objects: [{ collection: "Article" }] },
      "may not write",
    ],
    [
      "a delete with a read-write key",
      key({ actions: ["read", "write"] }),
      `${W}/BatchDelete`,
      { collection: "Article" },
      "may not delete",
    ],
    [
      "one object of a batch elsewhere",
      key({ actions: ["write"] }),
      `${W}/BatchObjects`,
      { objects: [{ collection: "Article" }, { collection: "Other" }] },
      "collection Other",
    ],
    [
      "its tenant",
      key({ tenants: ["t1"] }),
      `${W}/Search`,
      { collection: "Article", tenant: "t1" },
      undefined,
    ],
    [
      "another tenant",
      key({ tenants: ["t1"] }),
      `${W}/Aggregate`,
      { collection: "Article", tenant: "t2" },
      "tenant t2",
    ],
    [
      "no tenant with a tenant-limited key",
      key({ tenants: ["t1"] }),
      `${W}/Search`,
      { collection: "Article" },
      "name one",
    ],
    [
      "a per-object tenant outside",
      key({ actions: ["write"], tenants: ["t1"] }),
      `${W}/BatchObjects`,
      {
        objects: [
          { collection: "Article", tenant: "t1" },
          { collection: "Article", tenant: "t9" },
        ],
      },
      "tenant t9",
    ],
    [
      "listing every tenant with a tenant-limited key",
      key({ tenants: ["t1"] }),
      `${W}/TenantsGet`,
      { collection: "Article" },
      "tenant *",
    ],
    [
      "an unmodelled RPC with a limited key",
      key({ actions: ["read", "write", "delete"] }),
      `${W}/BatchStream`,
      {},
      "limited",
    ],
    [
      "an unmodelled RPC with a full key",
      key({ collections: ["*"], actions: ["read", "write", "delete"] }),
      `${W}/Whatever`,
      {},
      undefined,
    ],
  ])("%s", (_, k, path, request, expected) => {
    const error = checkScope(k, callTarget(path, request));
    if (expected === undefined) expect(error).toBeUndefined();
    else {
      expect(error?.status).toBe(403);
      expect(error?.detail).toContain(expected);
    }
  });
});
