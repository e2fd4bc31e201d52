import { describe, expect, it } from "vitest";
import { parseApiKeys } from "./api-keys.js";

const SECRET = "s3cr3t-value-0123456789";
const entry = { name: "app", key: SECRET, collections: ["article"], actions: ["read"] };

describe("parseApiKeys", () => {
  it("normalises collection names the way Weaviate does and defaults tenants to all", () => {
    const { keys, problems } = parseApiKeys(JSON.stringify([entry]));
    expect(problems).toEqual([]);
    expect(keys[0]).toMatchObject({ name: "app", collections: ["Article"], tenants: ["*"] });
  });

  it.each([
    ["no key nor sha256", { ...entry, key: undefined }, '[0]: needs exactly one of "key" and "sha256"'],
    [
      "both key and sha256",
      { ...entry, sha256: "a".repeat(64) },
      '[0]: needs exactly one of "key" and "sha256"',
    ],
    ["a short key", { ...entry, key: "short" }, "[0].key: must be at least 16 characters"],
    ["a bad digest", { ...entry, key: undefined, sha256: "xyz" }, "[0].sha256: must be the 64 hex digits"],
    ["no actions", { ...entry, actions: [] }, "[0].actions: must list actions"],
    ["an unknown action", { ...entry, actions: ["admin"] }, "[0].actions[0]"],
    [
      "a path-like collection",
      { ...entry, collections: ["../etc"] },
      "[0].collections[0]: must start with a letter",
    ],
    ["an unknown field", { ...entry, role: "root" }, "[0]: unknown field(s) role"],
  ])("refuses an entry with %s", (_, bad, message) => {
    const { keys, problems } = parseApiKeys(JSON.stringify([bad]));
    expect(keys).toEqual([]);
    expect(problems.join("\n")).toContain(message);
  });

  it("refuses two keys with the same name", () => {
    const { problems } = parseApiKeys(JSON.stringify([entry, { ...entry, key: `${SECRET}x` }]));
    expect(problems).toEqual(["[1].name: is used twice"]);
  });

  it("never quotes the text of invalid JSON, which would print a secret", () => {
    const { problems } = parseApiKeys(`[{"name":"app","key":"${SECRET}",}]`);
    expect(problems).toEqual(["is not valid JSON (expected an array of key entries)"]);
    expect(problems.join()).not.toContain(SECRET);
  });
});
