import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/app.js";
import { defaultConfig } from "../src/config.js";
import type { BatchObjectsRequest } from "../src/gen/v1/batch.js";
import { createGrpcWebTransport } from "../src/grpc/grpc-web/create-grpc-web-transport.js";
import { Code } from "../src/grpc/status.js";
import { type GrpcWebUpstream, startGrpcWebUpstream } from "./runtime/support/grpc-web-upstream.js";
import { float32s } from "./support/oracle.js";
import { StatusError } from "./support/recording-upstream.js";

let up: GrpcWebUpstream;
beforeAll(async () => {
  up = await startGrpcWebUpstream();
});
afterAll(() => up.close());

describe.each(["grpc-web", "connect"] as const)("the gateway over %s", (protocol) => {
  const app = () =>
    createApp({
      transport: createGrpcWebTransport({ baseUrl: up.url, protocol }),
      config: defaultConfig({ grpcWebUrl: up.url, apiKey: "secret-key" }),
    });

  it("answers /readyz from the health check and sends the API key", async () => {
    up.reset();
    const res = await app().request("/readyz");
    expect(res.status).toBe(200);
    expect(up.calls[0]).toMatchObject({ method: "Check", headers: { authorization: "Bearer secret-key" } });
  });

  it("maps an upstream status to the same problem as over gRPC", async () => {
    up.reset();
    up.on("Search", () => {
      throw new StatusError(Code.UNKNOWN, "could not find class Article");
    });
    const res = await app().request("/v1/collections/Article/search", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ grpcCode: "UNKNOWN", detail: "could not find class Article" });
  });

  it("sends a batch's objects as they were encoded where the body was parsed", async () => {
    up.reset();
    const uuid = (i: number) => `00000000-0000-4000-8000-00000000000${i}`;
    const objects = [0, 1, 2].map((i) => ({
      id: uuid(i),
      properties: { title: `t${i}` },
      vector: [i, 0.5, -1],
    }));
    const res = await app().request("/v1/collections/Article/objects/batch?tenant=t1", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ objects }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ succeeded: 3, failed: 0 });
    const sent = up.calls.filter((c) => c.method === "BatchObjects");
    expect(sent.map((c) => c.protocol)).toEqual([protocol]);
    const request = sent[0].request as BatchObjectsRequest;
    expect(
      request.objects?.map((o) => [
        o.uuid,
        o.collection,
        o.tenant,
        float32s(o.vectorBytes ?? new Uint8Array()),
      ]),
    ).toEqual(objects.map((o) => [o.id, "Article", "t1", o.vector]));
  });
});
