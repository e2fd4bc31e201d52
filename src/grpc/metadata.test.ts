import { describe, expect, it } from "vitest";
import { createMetadataPolicy } from "./metadata.js";

const inbound = new Headers({
  "X-OpenAI-Api-Key": "sk-1",
  "X-Cohere-Baseurl": "https://c",
  "X-Azure-Deployment-Id": "d",
  "X-Mistral-Ratelimit-RequestPM-Embedding": "10",
  "x-request-id": "r1",
  traceparent: "00-abc-def-01",
  authorization: "Bearer caller",
  cookie: "a=b",
  host: "gateway",
  "x-api-key": "gateway-key",
  "x-forwarded-for": "1.2.3.4",
});

describe("metadata policy", () => {
  it("forwards the allow-list and Weaviate's module header patterns, lowercased", () => {
    const out = Object.fromEntries(createMetadataPolicy()(inbound));
    expect(out).toEqual({
      "x-openai-api-key": "sk-1",
      "x-cohere-baseurl": "https://c",
      "x-azure-deployment-id": "d",
      "x-mistral-ratelimit-requestpm-embedding": "10",
      "x-request-id": "r1",
      traceparent: "00-abc-def-01",
    });
  });

  it("sends the configured Weaviate key instead of the caller's Authorization", () => {
    expect(createMetadataPolicy({ apiKey: "server" })(inbound).get("authorization")).toBe("Bearer server");
  });

  it("forwards the caller's Authorization only in pass-through mode", () => {
    expect(createMetadataPolicy({ passThroughAuthorization: true })(inbound).get("authorization")).toBe(
      "Bearer caller",
    );
  });

  it("adds configured extra headers", () => {
    expect(createMetadataPolicy({ extraHeaders: ["X-Forwarded-For"] })(inbound).get("x-forwarded-for")).toBe(
      "1.2.3.4",
    );
  });

  it("reads the runtime's parsed headers, when given, the same way as the WHATWG ones", () => {
    const parsed: Record<string, string | string[] | undefined> = {};
    for (const [name, value] of inbound) parsed[name] = value;
    parsed["x-voyageai-api-key"] = ["v1", "v2"];
    parsed["x-unset-api-key"] = undefined;
    const policy = createMetadataPolicy({ apiKey: "server" });
    const out = Object.fromEntries(policy(new Headers({ authorization: "Bearer caller" }), parsed));
    const expected = Object.fromEntries(policy(inbound));
    expect(out).toEqual({ ...expected, "x-voyageai-api-key": "v1, v2" });
    expect(out.authorization).toBe("Bearer server");
  });
});
