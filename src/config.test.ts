import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

describe("loadConfig", () => {
  it("applies documented defaults to an empty environment", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 8080,
      production: false,
      timeouts: { defaultMs: 30_000, batchMs: 90_000 },
      limits: { maxMessageBytes: 104_858_000 },
    });
    expect(c.grpcUrl).toBeUndefined();
  });

  it("reads every variable", () => {
    const c = loadConfig({
      WEAVIATE_GRPC_URL: "grpcs://db.example.com:443",
      WEAVIATE_API_KEY: "k",
      PORT: "9000",
      GATEWAY_ENV: "production",
      GATEWAY_API_KEYS: JSON.stringify([
        { name: "app", key: "k".repeat(16), collections: ["*"], actions: ["read"] },
      ]),
      FORWARD_HEADERS: "X-Tenant-Hint, x-other",
      GRPC_TIMEOUT_MS: "5000",
    });
    expect(c).toMatchObject({
      grpcUrl: "grpcs://db.example.com:443",
      apiKey: "k",
      port: 9000,
      production: true,
      forwardHeaders: ["x-tenant-hint", "x-other"],
      timeouts: { defaultMs: 5000 },
    });
  });

  it("treats empty strings as unset", () => {
    expect(loadConfig({ WEAVIATE_GRPC_URL: "", PORT: "" }).port).toBe(8080);
  });

  it("names every bad variable in one error", () => {
    let error: unknown;
    try {
      loadConfig({
        WEAVIATE_GRPC_URL: "http://x:1",
        PORT: "70000",
        GRPC_TIMEOUT_MS: "soon",
        LOG_LEVEL: "loud",
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join("\n");
    for (const name of ["WEAVIATE_GRPC_URL", "PORT", "GRPC_TIMEOUT_MS", "LOG_LEVEL"])
      expect(problems).toContain(`${name}:`);
    expect(problems).toContain("unsupported scheme http:");
  });
});
