import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../config.js";
import { readConfigFiles } from "./read-config-files.js";

const dir = mkdtempSync(join(tmpdir(), "gw-keys-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("readConfigFiles", () => {
  it("hands the file's keys to loadConfig, which then requires them", () => {
    const path = join(dir, "keys.json");
    const sha256 = "a".repeat(64);
    writeFileSync(path, JSON.stringify([{ name: "ci", sha256, collections: ["*"], actions: ["read"] }]));
    const env = { GATEWAY_API_KEYS_FILE: path, GATEWAY_ENV: "production" };
    const config = loadConfig(env, readConfigFiles(env));
    expect(config.auth).toMatchObject({ mode: "keys", keys: [{ name: "ci", sha256 }] });
  });

  it("makes a missing file a configuration error naming the variable", () => {
    const env = { GATEWAY_API_KEYS_FILE: join(dir, "absent.json") };
    expect(() => readConfigFiles(env)).toThrow(ConfigError);
    expect(() => readConfigFiles(env)).toThrow(
      /GATEWAY_API_KEYS_FILE: cannot read .*absent\.json \(ENOENT\)/,
    );
    const hooks = { GATEWAY_HOOKS_FILE: join(dir, "no-hooks.json") };
    expect(() => readConfigFiles(hooks)).toThrow(
      /GATEWAY_HOOKS_FILE: cannot read .*no-hooks\.json \(ENOENT\)/,
    );
  });

  it("hands the hooks file's text to loadConfig", () => {
    const path = join(dir, "hooks.json");
    const hook = {
      collection: "Issue",
      signature: { scheme: "github" },
      secret: "s3cret",
      properties: { title: "t" },
    };
    writeFileSync(path, JSON.stringify({ gh: hook }));
    expect(readConfigFiles({ GATEWAY_HOOKS_FILE: path }).hooksFile).toBe(JSON.stringify({ gh: hook }));
  });

  it("reads nothing when the variable is unset", () => {
    expect(readConfigFiles({})).toEqual({ apiKeysFile: undefined, hooksFile: undefined });
  });
});
