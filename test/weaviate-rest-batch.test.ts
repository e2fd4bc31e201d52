import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type GatewayHarness, startGatewayHarness } from "./support/gateway-harness.js";
import * as oracle from "./support/oracle.js";

let gw: GatewayHarness;
beforeAll(async () => {
  gw = await startGatewayHarness();
});
afterAll(() => gw.close());
beforeEach(() => gw.upstream.reset());

const NYT = "16476dca-59ce-395e-b896-050080120cd4";
const JODI = "36ddd591-2dee-4e7e-a3cc-eb86d30a4303";

/** The request of Weaviate's REST reference for `POST /v1/batch/objects` (batch create objects). */
const DOCUMENTED_REQUEST = {
  fields: ["ALL"],
  objects: [
    { class: "Publication", id: NYT, properties: { name: "New York Times" } },
    {
      class: "Author",
      id: JODI,
      properties: {
        name: "Jodi Kantor",
        writesFor: [{ beacon: `weaviate://localhost/${NYT}`, href: `/v1/objects/${NYT}` }],
      },
    },
  ],
};

/** Weaviate's answer to it: every object echoed, with `result.status`. */
const DOCUMENTED_RESPONSE = [
  { class: "Publication", id: NYT, properties: { name: "New York Times" }, result: { status: "SUCCESS" } },
  {
    class: "Author",
    id: JODI,
    properties: {
      name: "Jodi Kantor",
      writesFor: [{ beacon: `weaviate://localhost/${NYT}`, href: `/v1/objects/${NYT}` }],
    },
    result: { status: "SUCCESS" },
  },
];

const received = () => oracle.BatchObjectsRequest.decode(gw.upstream.callsTo("BatchObjects")[0].bytes);

describe("POST /v1/batch/objects (Weaviate's REST batch, drop-in)", () => {
  it("round-trips the documented example, beacons becoming references", async () => {
    const res = await gw.post("/v1/batch/objects", DOCUMENTED_REQUEST);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(DOCUMENTED_RESPONSE);
    const [publication, author] = received().objects;
    expect(publication).toMatchObject({ uuid: NYT, collection: "Publication" });
    expect(publication.properties!.nonRefProperties).toEqual({ name: "New York Times" });
    expect(author).toMatchObject({ uuid: JODI, collection: "Author" });
    expect(author.properties!.nonRefProperties).toEqual({ name: "Jodi Kantor" });
    expect(author.properties!.singleTargetRefProps).toEqual([{ propName: "writesFor", uuids: [NYT] }]);
  });

  it("reports Weaviate's per-object error the way Weaviate does, with FAILED and errors.error[].message", async () => {
    const message = "invalid text property 'name' on class 'Publication': not a string, but float64";
    gw.upstream.on("BatchObjects", () => ({ errors: [{ index: 0, error: message }] }));
    const res = await gw.post("/v1/batch/objects", {
      objects: [
        { class: "Publication", id: NYT, properties: { name: 1 } },
        { class: "Publication", properties: { name: "ok" } },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body[0]).toEqual({
      class: "Publication",
      id: NYT,
      properties: { name: 1 },
      result: { status: "FAILED", errors: { error: [{ message }] } },
    });
    expect(res.body[1].result).toEqual({ status: "SUCCESS" });
    expect(res.body[1].id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4/);
    expect(received().objects[1].uuid).toBe(res.body[1].id);
  });

  it("sends class-qualified beacons as multi-target references, vectors, tenant and consistency_level", async () => {
    const res = await gw.post("/v1/batch/objects?consistency_level=QUORUM", {
      objects: [
        {
          class: "Article",
          tenant: "tenantA",
          vector: [0.25, 0.5],
          vectors: { colbert: [[1, 2]] },
          creationTimeUnix: 1617096024395,
          properties: {
            title: "x",
            tags: ["a"],
            inPublication: [{ beacon: `weaviate://localhost/Publication/${NYT}` }],
          },
        },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body[0]).toMatchObject({
      tenant: "tenantA",
      vector: [0.25, 0.5],
      result: { status: "SUCCESS" },
    });
    const req = received();
    expect(req.consistencyLevel).toBe(2);
    const [o] = req.objects;
    expect(o.tenant).toBe("tenantA");
    expect(oracle.float32s(o.vectorBytes)).toEqual([0.25, 0.5]);
    expect(o.vectors[0]).toMatchObject({ name: "colbert", type: 2 });
    expect(o.properties!.textArrayProperties).toEqual([{ propName: "tags", values: ["a"] }]);
    expect(o.properties!.multiTargetRefProps).toEqual([
      { propName: "inPublication", uuids: [NYT], targetCollection: "Publication" },
    ]);
  });

  it.each([
    ["a missing class", { objects: [{ class: "A" }, { properties: {} }] }, "objects[1].class"],
    ["a bad id", { objects: [{ class: "A", id: "x" }] }, "objects[0].id"],
    [
      "a bad beacon",
      { objects: [{ class: "A", properties: { r: [{ beacon: "http://x" }] } }] },
      "objects[0].properties.r[0].beacon",
    ],
    [
      "beacons of one property naming two classes",
      {
        objects: [
          {
            class: "A",
            properties: {
              r: [{ beacon: `weaviate://localhost/B/${NYT}` }, { beacon: `weaviate://localhost/C/${JODI}` }],
            },
          },
        ],
      },
      "objects[0].properties.r",
    ],
    ["an empty batch", { objects: [] }, "objects"],
  ])("answers 400 for %s, naming the field, before any gRPC call", async (_, body, path) => {
    const res = await gw.post("/v1/batch/objects", body);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect(gw.upstream.calls).toHaveLength(0);
  });
});
