import { describe, expect, it } from "vitest";
import { loadConfig } from "../config.js";
import { parseHooks } from "./hook-config.js";
import { mapPayload, readPath } from "./map-payload.js";

describe("parseHooks", () => {
  it("reads hooks with defaults, resolving secretEnv from the environment", () => {
    const { hooks, problems } = parseHooks(
      JSON.stringify({
        gh: {
          collection: "Issue",
          signature: { scheme: "github" },
          secretEnv: "GH_SECRET",
          properties: { title: "issue.title" },
        },
        st: {
          collection: "Payment",
          signature: { scheme: "stripe" },
          secret: "whsec_12345678",
          properties: { amount: "data.object.amount" },
        },
      }),
      { GH_SECRET: "gh-secret-value" },
    );
    expect(problems).toEqual([]);
    expect(hooks[0]).toMatchObject({ name: "gh", secret: "gh-secret-value", id: "content" });
    expect(hooks[1].signature).toEqual({ scheme: "stripe", toleranceSeconds: 300 });
  });

  it("names every bad field, and a secretEnv that is not set", () => {
    const bad = parseHooks(
      JSON.stringify({ x: { collection: "1bad", signature: { scheme: "nope" }, properties: {} } }),
      {},
    );
    expect(bad.problems.join("\n")).toMatch(/x\.collection/);
    expect(bad.problems.join("\n")).toMatch(/x\.signature/);
    const unset = parseHooks(
      JSON.stringify({
        y: { collection: "A", signature: { scheme: "github" }, secretEnv: "MISSING", properties: { a: "a" } },
      }),
      {},
    );
    expect(unset.problems).toEqual(["y.secretEnv: the environment variable MISSING is not set"]);
    expect(parseHooks("{oops", {}).problems[0]).toMatch(/not valid JSON/);
  });
});

describe("mapPayload", () => {
  const hook = {
    name: "h",
    collection: "A",
    signature: { scheme: "github" as const },
    secret: "s",
    properties: { title: "issue.title", label: "issue.labels[1].name", note: "issue.note?" },
    vector: "embedding",
    id: "content" as const,
  };

  it("reads dotted paths with indexes, skipping absent optional paths", () => {
    const payload = { issue: { title: "T", labels: [{ name: "a" }, { name: "b" }] }, embedding: [0.5, 1] };
    expect(readPath(payload, "issue.labels[1].name")).toBe("b");
    expect(mapPayload(hook, payload)).toEqual({
      object: { properties: { title: "T", label: "b" }, vector: [0.5, 1] },
    });
  });

  it("lists every required path the payload lacks", () => {
    expect(mapPayload(hook, { issue: { title: null } })).toEqual({
      missing: ["issue.title", "issue.labels[1].name", "embedding"],
    });
  });
});

describe("GATEWAY_HOOKS and GATEWAY_HOOKS_FILE in loadConfig", () => {
  const hook = (name: string) =>
    JSON.stringify({
      [name]: {
        collection: "A",
        signature: { scheme: "github" },
        secret: "long-enough",
        properties: { a: "a" },
      },
    });

  it("merges the variable and the file the runtime read", () => {
    const config = loadConfig(
      { GATEWAY_HOOKS: hook("one"), GATEWAY_HOOKS_FILE: "/x.json" },
      { hooksFile: hook("two") },
    );
    expect(config.hooks.map((h) => h.name)).toEqual(["one", "two"]);
  });

  it("names the variable in every problem, including a file this runtime cannot read and duplicate names", () => {
    expect(() => loadConfig({ GATEWAY_HOOKS: "{" })).toThrow(/GATEWAY_HOOKS: not valid JSON/);
    expect(() => loadConfig({ GATEWAY_HOOKS_FILE: "/x.json" })).toThrow(
      /GATEWAY_HOOKS_FILE: this runtime reads no files/,
    );
    expect(() =>
      loadConfig({ GATEWAY_HOOKS: hook("a"), GATEWAY_HOOKS_FILE: "/x" }, { hooksFile: hook("a") }),
    ).toThrow(/must be unique/);
  });

  it("defaults DOCS_SCRIPT_URL to a pinned CDN bundle and validates an override", () => {
    expect(loadConfig({}).docsScriptUrl).toMatch(
      /^https:\/\/cdn\.jsdelivr\.net\/npm\/@scalar\/api-reference@\d+\.\d+\.\d+\//,
    );
    expect(loadConfig({ DOCS_SCRIPT_URL: "http://127.0.0.1:9/s.js" }).docsScriptUrl).toBe(
      "http://127.0.0.1:9/s.js",
    );
    expect(() => loadConfig({ DOCS_SCRIPT_URL: "javascript:alert(1)" })).toThrow(/DOCS_SCRIPT_URL/);
  });
});
