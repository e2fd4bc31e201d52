import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

const KEYS = JSON.stringify([
  { name: "app", key: "app-key-0123456789abcdef", collections: ["Article"], actions: ["read"] },
]);

function problems(env: Record<string, string>, files?: { apiKeysFile?: string }): string[] {
  try {
    loadConfig(env, files);
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return [...e.problems];
    throw e;
  }
}

describe("security configuration", () => {
  it("runs open in development when no keys are configured, and refuses to in production", () => {
    expect(loadConfig({}).auth).toEqual({ mode: "open", keys: [], failuresPerMinute: 10 });
    expect(problems({ GATEWAY_ENV: "production" })[0]).toMatch(
      /^GATEWAY_AUTH: no gateway API keys configured/,
    );
    expect(problems({ GATEWAY_ENV: "production", GATEWAY_AUTH: "open" })).toEqual([
      "GATEWAY_AUTH: open mode is for local development only; refused in production",
    ]);
  });

  it("switches to keys mode when keys are configured, from the variable and the file together", () => {
    const file = JSON.stringify([
      {
        name: "ops",
        key: "ops-key-0123456789abcdef",
        collections: ["*"],
        actions: ["read", "write", "delete"],
      },
    ]);
    const c = loadConfig(
      { GATEWAY_API_KEYS: KEYS, GATEWAY_API_KEYS_FILE: "/keys.json" },
      { apiKeysFile: file },
    );
    expect(c.auth.mode).toBe("keys");
    expect(c.auth.keys.map((k) => k.name)).toEqual(["app", "ops"]);
  });

  it("names the bad variable and entry without printing the secret", () => {
    const bad = JSON.stringify([{ name: "app", key: "short-secret", collections: ["*"], actions: ["read"] }]);
    const p = problems({ GATEWAY_API_KEYS: bad });
    expect(p).toEqual(["GATEWAY_API_KEYS: [0].key: must be at least 16 characters"]);
    expect(p.join()).not.toContain("short-secret");
  });

  it("refuses a keys file on a runtime that cannot read one, and conflicting settings", () => {
    expect(problems({ GATEWAY_API_KEYS_FILE: "/keys.json" })[0]).toMatch(
      /^GATEWAY_API_KEYS_FILE: this runtime/,
    );
    expect(problems({ GATEWAY_AUTH: "keys" })).toEqual([
      "GATEWAY_AUTH: keys mode needs GATEWAY_API_KEYS or GATEWAY_API_KEYS_FILE",
    ]);
    expect(problems({ GATEWAY_AUTH: "open", GATEWAY_API_KEYS: KEYS })[0]).toMatch(/open mode ignores/);
    expect(problems({ GATEWAY_AUTH: "passthrough", WEAVIATE_API_KEY: "w" })[0]).toMatch(
      /^WEAVIATE_API_KEY: not used/,
    );
  });

  it("allows passthrough in production, where Weaviate checks the caller's credentials", () => {
    const c = loadConfig({ GATEWAY_ENV: "production", GATEWAY_AUTH: "passthrough" });
    expect(c.auth).toEqual({ mode: "passthrough", keys: [], failuresPerMinute: 10 });
  });

  it("reads CORS origins, the request timeout, the rate limit and HSTS, with safe defaults", () => {
    expect(loadConfig({})).toMatchObject({
      corsOrigins: [],
      requestTimeoutMs: 120_000,
      rateLimit: { rps: 0, burst: 0 },
      hstsMaxAgeS: 0,
    });
    const c = loadConfig({
      CORS_ORIGINS: "https://App.example.com, http://localhost:5173",
      GATEWAY_REQUEST_TIMEOUT_MS: "5000",
      RATE_LIMIT_RPS: "50",
      RATE_LIMIT_BURST: "100",
      HSTS_MAX_AGE: "31536000",
      AUTH_FAILURE_LIMIT: "0",
    });
    expect(c).toMatchObject({
      corsOrigins: ["https://app.example.com", "http://localhost:5173"],
      requestTimeoutMs: 5000,
      rateLimit: { rps: 50, burst: 100 },
      hstsMaxAgeS: 31536000,
      auth: { failuresPerMinute: 0 },
    });
    expect(problems({ AUTH_FAILURE_LIMIT: "-1" })[0]).toMatch(/^AUTH_FAILURE_LIMIT: must not be negative/);
    expect(problems({ CORS_ORIGINS: "app.example.com" })[0]).toMatch(/^CORS_ORIGINS: must list origins/);
  });
});
