import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  HealthCheckRequest,
  HealthCheckResponse,
  HealthCheckResponse_ServingStatus,
} from "../../src/gen/grpc/health/v1/health.js";
import { SearchReply, SearchRequest } from "../../src/gen/v1/search_get.js";
import { ids, startTestBackend, type TestBackend, uuid } from "./support.js";

let t: TestBackend;
let web: string;
const AUTH = { authorization: "Bearer k" };

beforeAll(async () => {
  t = await startTestBackend({ webPort: 0, apiKey: "k" });
  web = t.backend.webUrl!;
  await t.insert(
    [{ collection: "Page", uuid: uuid(7), properties: { nonRefProperties: { title: "über" } } }],
    AUTH,
  );
});
afterAll(() => t.close());

function frame(flag: number, payload: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(5 + payload.byteLength);
  out[0] = flag;
  new DataView(out.buffer).setUint32(1, payload.byteLength);
  out.set(payload, 5);
  return out;
}

/** Splits a grpc-web response body into its message and its trailer block. */
function unframe(body: Uint8Array): { message?: Uint8Array; trailer: Record<string, string> } {
  let message: Uint8Array | undefined;
  const trailer: Record<string, string> = {};
  for (let at = 0; at < body.byteLength; ) {
    const length = new DataView(body.buffer, body.byteOffset + at + 1, 4).getUint32(0);
    const payload = body.subarray(at + 5, at + 5 + length);
    if (body[at] & 0x80) {
      for (const line of new TextDecoder().decode(payload).split("\r\n").filter(Boolean)) {
        const colon = line.indexOf(":");
        trailer[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
      }
    } else message = payload;
    at += 5 + length;
  }
  return { message, trailer };
}

const search = new Uint8Array(
  SearchRequest.encode(SearchRequest.fromPartial({ collection: "Page", metadata: { uuid: true } })).finish(),
);

describe("grpc-web and Connect endpoint", () => {
  it("answers a grpc-web unary call with a message frame and an OK trailer", async () => {
    const res = await fetch(`${web}/weaviate.v1.Weaviate/Search`, {
      method: "POST",
      headers: { "content-type": "application/grpc-web+proto", "x-grpc-web": "1", ...AUTH },
      body: frame(0, search),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/grpc-web+proto");
    const { message, trailer } = unframe(new Uint8Array(await res.arrayBuffer()));
    expect(trailer["grpc-status"]).toBe("0");
    expect(ids(SearchReply.decode(message!))).toEqual([uuid(7)]);
  });

  it("carries errors in the trailer with HTTP 200 and a percent-encoded message", async () => {
    const res = await fetch(`${web}/weaviate.v1.Weaviate/Search`, {
      method: "POST",
      headers: { "content-type": "application/grpc-web", ...AUTH },
      body: frame(0, SearchRequest.encode({ collection: "Ünknown" }).finish()),
    });
    expect(res.status).toBe(200);
    const { message, trailer } = unframe(new Uint8Array(await res.arrayBuffer()));
    expect(message).toBeUndefined();
    expect(trailer["grpc-status"]).toBe("2");
    expect(decodeURIComponent(trailer["grpc-message"])).toBe("could not find class Ünknown in schema");
    expect(trailer["grpc-message"]).toContain("%C3%9C");
  });

  it("refuses a grpc-web call without the API key as UNAUTHENTICATED", async () => {
    const res = await fetch(`${web}/weaviate.v1.Weaviate/Search`, {
      method: "POST",
      headers: { "content-type": "application/grpc-web+proto" },
      body: frame(0, search),
    });
    expect(unframe(new Uint8Array(await res.arrayBuffer())).trailer["grpc-status"]).toBe("16");
  });

  it("serves Connect unary calls in protobuf and JSON", async () => {
    const proto = await fetch(`${web}/weaviate.v1.Weaviate/Search`, {
      method: "POST",
      headers: { "content-type": "application/proto", "connect-protocol-version": "1", ...AUTH },
      body: search,
    });
    expect(proto.status).toBe(200);
    expect(ids(SearchReply.decode(new Uint8Array(await proto.arrayBuffer())))).toEqual([uuid(7)]);
    const json = await fetch(`${web}/weaviate.v1.Weaviate/Search`, {
      method: "POST",
      headers: { "content-type": "application/json", ...AUTH },
      body: JSON.stringify({ collection: "Page", metadata: { uuid: true } }),
    });
    expect(json.status).toBe(200);
    const body = await json.json();
    expect(body.results[0].metadata.id).toBe(uuid(7));
    expect(body.results[0].properties.nonRefProps.fields.title).toEqual({ textValue: "über" });
  });

  it("answers Connect errors with the code's HTTP status and a JSON body", async () => {
    const unauthenticated = await fetch(`${web}/weaviate.v1.Weaviate/Search`, {
      method: "POST",
      headers: { "content-type": "application/proto" },
      body: search,
    });
    expect(unauthenticated.status).toBe(401);
    expect(await unauthenticated.json()).toEqual({
      code: "unauthenticated",
      message: "extract auth: unauthorized: invalid api key",
    });
    const unknown = await fetch(`${web}/weaviate.v1.Weaviate/Search`, {
      method: "POST",
      headers: { "content-type": "application/json", ...AUTH },
      body: JSON.stringify({ collection: "Nope" }),
    });
    expect(unknown.status).toBe(500);
    expect(await unknown.json()).toEqual({ code: "unknown", message: "could not find class Nope in schema" });
    const missing = await fetch(`${web}/weaviate.v1.Weaviate/Nothing`, {
      method: "POST",
      headers: { "content-type": "application/proto" },
      body: new Uint8Array(),
    });
    expect([missing.status, (await missing.json()).code]).toEqual([501, "unimplemented"]);
  });

  it("answers health checks without credentials on both transports", async () => {
    const res = await fetch(`${web}/grpc.health.v1.Health/Check`, {
      method: "POST",
      headers: { "content-type": "application/proto" },
      body: HealthCheckRequest.encode({ service: "" }).finish(),
    });
    expect(HealthCheckResponse.decode(new Uint8Array(await res.arrayBuffer())).status).toBe(
      HealthCheckResponse_ServingStatus.SERVING,
    );
    const native = await t.call("/grpc.health.v1.Health/Check", HealthCheckRequest, HealthCheckResponse, {
      service: "/grpc.health.v1.Health/Check",
    });
    expect(native.status).toBe(HealthCheckResponse_ServingStatus.SERVING);
  });

  it("answers a CORS preflight and exposes the gRPC status headers", async () => {
    const res = await fetch(`${web}/weaviate.v1.Weaviate/Search`, {
      method: "OPTIONS",
      headers: {
        origin: "http://example.test",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type,authorization,x-grpc-web",
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-methods")).toBe("POST");
    expect(res.headers.get("access-control-allow-headers")).toBe("content-type,authorization,x-grpc-web");
    expect(res.headers.get("access-control-expose-headers")).toContain("Grpc-Status");
  });

  it("refuses an unsupported content type with 415", async () => {
    const res = await fetch(`${web}/weaviate.v1.Weaviate/Search`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "hi",
    });
    expect(res.status).toBe(415);
  });

  it("serves the same store as the native gRPC server", async () => {
    const res = await fetch(`${web}/weaviate.v1.Weaviate/Search`, {
      method: "POST",
      headers: { "content-type": "application/json", ...AUTH },
      body: JSON.stringify({ collection: "page", metadata: { uuid: true } }),
    });
    const native = await t.search({ collection: "Page", metadata: { uuid: true } }, AUTH);
    expect((await res.json()).results.map((r: { metadata: { id: string } }) => r.metadata.id)).toEqual(
      ids(native),
    );
  });
});
