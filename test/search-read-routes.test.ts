import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Code } from "../src/grpc/status.js";
import { type GatewayHarness, startGatewayHarness } from "./support/gateway-harness.js";
import * as oracle from "./support/oracle.js";
import { StatusError } from "./support/recording-upstream.js";

let gw: GatewayHarness;
beforeAll(async () => {
  gw = await startGatewayHarness();
});
afterAll(() => gw.close());
beforeEach(() => gw.upstream.reset());

const A = "00000000-0000-4000-8000-00000000000a";
const B = "00000000-0000-4000-8000-00000000000b";

function received() {
  const [call] = gw.upstream.callsTo("Search");
  expect(call).toBeDefined();
  return oracle.SearchRequest.decode(call.bytes);
}

const result = (id: string, title: string) => ({
  metadata: { id },
  properties: { nonRefProps: { fields: { title: { textValue: title } } } },
});

describe("GET /v1/collections/{collection}/objects", () => {
  it("pages with a cursor: limit, after, selected properties, vectors, tenant and consistency", async () => {
    gw.upstream.on("Search", () => ({ results: [result(A, "one"), result(B, "two")], took: 0.001 }));
    const res = await gw.get(
      `/v1/collections/Article/objects?limit=2&after=${A}&properties=title,%20body&includeVector=title_vec&tenant=t1&consistencyLevel=QUORUM`,
    );
    expect(res.status).toBe(200);
    const req = received();
    expect(req).toMatchObject({
      collection: "Article",
      limit: 2,
      after: A,
      tenant: "t1",
      consistencyLevel: 2,
    });
    expect(req.properties).toMatchObject({
      nonRefProperties: ["title", "body"],
      returnAllNonrefProperties: false,
    });
    expect(req.metadata).toMatchObject({ uuid: true, vectors: ["title_vec"], vector: false });
    expect(req.filters).toBeUndefined();
    expect(res.body).toEqual({
      objects: [
        { id: A, properties: { title: "one" } },
        { id: B, properties: { title: "two" } },
      ],
      nextAfter: B,
      tookMs: 1,
    });
  });

  it("uses a page of 25 by default and gives no cursor after a short page", async () => {
    gw.upstream.on("Search", () => ({ results: [result(A, "only")] }));
    const res = await gw.get("/v1/collections/Article/objects?includeVector=true");
    expect(res.status).toBe(200);
    const req = received();
    expect(req.limit).toBe(25);
    expect(req.after).toBe("");
    expect(req.metadata?.vector).toBe(true);
    expect(req.properties).toBeUndefined();
    expect(res.body.nextAfter).toBeUndefined();
    expect(res.body.objects).toHaveLength(1);
  });

  it.each([
    ["limit=0", "query.limit"],
    ["limit=ten", "query.limit"],
    ["after=nope", "query.after"],
    ["properties=a,b-c", "query.properties[1]"],
    ["consistencyLevel=SOME", "query.consistencyLevel"],
    ["colour=red", "query"],
  ])("rejects ?%s with a 400 naming %s", async (qs, path) => {
    const res = await gw.get(`/v1/collections/Article/objects?${qs}`);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect(gw.upstream.calls).toHaveLength(0);
  });
});

describe("GET /v1/collections/{collection}/objects/{id}", () => {
  it("searches with an _id filter and limit 1 and answers the object", async () => {
    gw.upstream.on("Search", () => ({
      results: [
        { ...result(A, "one"), metadata: { id: A, creationTimeUnix: 1000n, creationTimeUnixPresent: true } },
      ],
    }));
    const res = await gw.get(
      `/v1/collections/Article/objects/${A.toUpperCase()}?properties=title&metadata=creationTime&tenant=t9`,
    );
    expect(res.status).toBe(200);
    const req = received();
    expect(req.limit).toBe(1);
    expect(req.tenant).toBe("t9");
    expect(req.filters).toMatchObject({ operator: 1, target: { property: "_id" }, valueText: A });
    expect(req.metadata).toMatchObject({ uuid: true, creationTimeUnix: true });
    expect(res.body).toEqual({
      id: A,
      properties: { title: "one" },
      metadata: { creationTime: "1970-01-01T00:00:01.000Z" },
    });
  });

  it("answers 404 with a problem body when no object has that id", async () => {
    gw.upstream.on("Search", () => ({ results: [] }));
    const res = await gw.get(`/v1/collections/Article/objects/${A}`);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.body).toMatchObject({ status: 404, title: "Not found" });
    expect(res.body.detail).toContain(A);
  });

  it("rejects an id that is not a UUID before any gRPC call", async () => {
    const res = await gw.get("/v1/collections/Article/objects/12345");
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe("id");
    expect(gw.upstream.calls).toHaveLength(0);
  });

  it("maps an upstream failure to its HTTP status", async () => {
    gw.upstream.on("Search", () => {
      throw new StatusError(Code.UNAVAILABLE, "shutting down");
    });
    const res = await gw.get(`/v1/collections/Article/objects/${A}`);
    expect(res.status).toBe(503);
    expect(res.body.grpcCode).toBe("UNAVAILABLE");
  });
});
