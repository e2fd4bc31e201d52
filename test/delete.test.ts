import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type GatewayHarness, startGatewayHarness } from "./support/gateway-harness.js";
import * as oracle from "./support/oracle.js";

let gw: GatewayHarness;
beforeAll(async () => {
  gw = await startGatewayHarness();
});
afterAll(() => gw.close());
beforeEach(() => gw.upstream.reset());

const ID = "5f1b6c1e-0a2b-4c3d-8e9f-0123456789ab";
const ID_BYTES = Uint8Array.from(
  ID.replace(/-/g, "")
    .match(/../g)!
    .map((h) => Number.parseInt(h, 16)),
);

const received = () => oracle.BatchDeleteRequest.decode(gw.upstream.callsTo("BatchDelete")[0].bytes);

describe("DELETE /v1/collections/{collection}/objects/{id}", () => {
  it("deletes by an _id filter and answers 204", async () => {
    gw.upstream.on("BatchDelete", () => ({ matches: 1n, successful: 1n }));
    const res = await gw.fetch(`/v1/collections/Article/objects/${ID}?tenant=t1&consistencyLevel=ALL`, {
      method: "DELETE",
    });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
    const req = received();
    expect(req).toMatchObject({ collection: "Article", tenant: "t1", consistencyLevel: 3, dryRun: false });
    expect(req.filters).toMatchObject({ operator: 1, target: { property: "_id" }, valueText: ID });
  });

  it("answers 404 when no object matched", async () => {
    gw.upstream.on("BatchDelete", () => ({ matches: 0n }));
    const res = await gw.fetch(`/v1/collections/Article/objects/${ID}`, { method: "DELETE" });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });

  it("answers 400 for an id that is not a UUID, before any gRPC call", async () => {
    const res = await gw.fetch("/v1/collections/Article/objects/not-a-uuid", { method: "DELETE" });
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0].path).toBe("id");
    expect(gw.upstream.calls).toHaveLength(0);
  });
});

describe("POST /v1/collections/{collection}/objects/delete", () => {
  it("translates the filter, dry run and verbose, and answers counts and objects", async () => {
    gw.upstream.on("BatchDelete", () => ({
      took: 0.0042,
      matches: 2n,
      successful: 1n,
      failed: 1n,
      objects: [
        { uuid: ID_BYTES, successful: true },
        { uuid: new Uint8Array(16), successful: false, error: "locked" },
      ],
    }));
    const res = await gw.post("/v1/collections/Article/objects/delete", {
      filters: { property: "price", operator: "greaterThan", value: 10 },
      dryRun: true,
      verbose: true,
      tenant: "t1",
      consistencyLevel: "QUORUM",
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      matches: 2,
      successful: 1,
      failed: 1,
      dryRun: true,
      objects: [
        { id: ID, successful: true },
        { id: "00000000-0000-0000-0000-000000000000", successful: false, error: "locked" },
      ],
      tookMs: 4.2,
    });
    const req = received();
    expect(req).toMatchObject({
      collection: "Article",
      dryRun: true,
      verbose: true,
      tenant: "t1",
      consistencyLevel: 2,
    });
    expect(req.filters).toMatchObject({ operator: 3, target: { property: "price" }, valueInt: 10 });
  });

  it("requires a filter, so nothing is deleted by accident", async () => {
    const res = await gw.post("/v1/collections/Article/objects/delete", { dryRun: true });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe("filters");
    expect(gw.upstream.calls).toHaveLength(0);
  });
});
