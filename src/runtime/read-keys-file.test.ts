import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../config.js";
import { readKeysFile } from "./read-keys-file.js";

const dir = mkdtempSync(join(tmpdir(), "gw-keys-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("readKeysFile", () => {
  it("hands the file's keys to loadConfig, which then requires them", () => {
    const path = join(dir, "keys.json");
    const sha256 = "a".repeat(64);
    writeFileSync(path, JSON.stringify([{ name: "ci", sha256, collections: ["*"], actions: ["read"] }]));
    const env = { GATEWAY_API_KEYS_FILE: path, GATEWAY_ENV: "production" };
    const config = loadConfig(env, readKeysFile(env));
    expect(config.auth).toMatchObject({ mode: "keys", keys: [{ name: "ci", sha256 }] });
  });

  it("makes a missing file a configuration error naming the variable", () => {
    const env = { GATEWAY_API_KEYS_FILE: join(dir, "absent.json") };
    expect(() => readKeysFile(env)).toThrow(ConfigError);
    expect(() => readKeysFile(env)).toThrow(/GATEWAY_API_KEYS_FILE: cannot read .*absent\.json \(ENOENT\)/);
  });

  it("reads nothing when the variable is unset", () => {
    expect(readKeysFile({})).toEqual({});
  });
});
