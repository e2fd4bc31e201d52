import { validate } from "@readme/openapi-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/app.js";
import { defaultConfig } from "../src/config.js";
import { WEAVIATE_JSON_METHODS } from "../src/grpc/json-methods.js";
import { type GatewayHarness, startGatewayHarness } from "./support/gateway-harness.js";

let gw: GatewayHarness;
// biome-ignore lint/suspicious/noExplicitAny: a parsed JSON document, walked by the assertions below
let doc: any;
beforeAll(async () => {
  gw = await startGatewayHarness({ docsScriptUrl: "https://cdn.example.test/scalar.js" });
  const res = await gw.fetch("/openapi.json");
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/json");
  doc = await res.json();
});
afterAll(() => gw.close());

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

describe("GET /openapi.json", () => {
  it("is a valid OpenAPI 3.1 document under a real validator", async () => {
    expect(doc.openapi).toBe("3.1.0");
    const result = await validate(structuredClone(doc));
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.specification).toBe("OpenAPI");
  });

  it("documents every route the app serves, with the gRPC methods of the transcoding route", () => {
    const app = createApp({ transport: gw.transport, config: defaultConfig() });
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, item]) =>
        METHODS.filter((m) => (item as Record<string, unknown>)[m]).map((m) => `${m.toUpperCase()} ${path}`),
      ),
    );
    const served = app.routes
      .filter((r) => r.method !== "ALL")
      .flatMap((r) =>
        r.path.endsWith("/:method")
          ? [...WEAVIATE_JSON_METHODS.keys()].map((m) => `${r.method} ${r.path.replace(":method", m)}`)
          : [`${r.method} ${r.path.replace(/:([A-Za-z_]+)/g, "{$1}")}`],
      );
    expect(served.length).toBeGreaterThan(15);
    for (const route of served) expect(documented, route).toContain(route);
  });

  it("takes the request schemas from the zod schemas, with recursive filters as references", () => {
    const search = doc.components.schemas.SearchBody;
    expect(Object.keys(search.properties)).toEqual(
      expect.arrayContaining(["nearVector", "bm25", "hybrid", "filters", "groupBy", "generate", "tenant"]),
    );
    expect(search.additionalProperties).toBe(false);
    expect(search.properties.filters).toEqual({ $ref: "#/components/schemas/Filter" });
    expect(search.properties.consistencyLevel.enum).toEqual(["ONE", "QUORUM", "ALL"]);
    expect(doc.components.schemas.Filter.properties.and.items).toEqual({
      $ref: "#/components/schemas/Filter",
    });
    expect(JSON.stringify(doc)).not.toContain("__shared");
  });

  it("describes operations with examples, problem+json errors and the security scheme", () => {
    const search = doc.paths["/v1/collections/{collection}/search"].post;
    expect(search.operationId).toBe("search");
    expect(search.description).toMatch(/nearVector/);
    expect(Object.keys(search.requestBody.content["application/json"].examples)).toContain("bm25");
    expect(search.responses["400"].content["application/problem+json"].schema).toEqual({
      $ref: "#/components/schemas/Problem",
    });
    expect(search.responses["503"]).toBeDefined();
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.components.securitySchemes.apiKeyHeader).toMatchObject({
      type: "apiKey",
      in: "header",
      name: "x-api-key",
    });
    expect(doc.paths["/healthz"].get.security).toEqual([]);
    expect(doc.paths["/v1/hooks/{name}"].post.security).toEqual([]);
  });

  it("has unique operation ids a low-code tool can turn into action names", () => {
    const ids = Object.values(doc.paths).flatMap((item) =>
      METHODS.map((m) => (item as Record<string, { operationId?: string }>)[m]?.operationId).filter(Boolean),
    );
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z][A-Za-z0-9]*$/);
  });
});

describe("GET /docs", () => {
  it("serves an HTML page that loads the configured script and the document beside it", async () => {
    const res = await gw.fetch("/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('<script src="https://cdn.example.test/scalar.js"></script>');
    expect(html).toContain('url: "./openapi.json"');
  });
});
