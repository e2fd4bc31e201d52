import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AggregateRequest } from "../../src/gen/v1/aggregate.js";
import { Filters_Operator as Op, Vectors_VectorType } from "../../src/gen/v1/base.js";
import { BatchDeleteRequest } from "../../src/gen/v1/batch_delete.js";
import type { DeepPartial } from "../../src/gen/v1/search_get.js";
import { TenantActivityStatus, TenantsGetRequest } from "../../src/gen/v1/tenants.js";
import { WeaviateDefinition } from "../../src/gen/v1/weaviate.js";
import { failure, ids, startTestBackend, type TestBackend, uuid, vector } from "./support.js";

let t: TestBackend;
const { aggregate, batchDelete, tenantsGet } = WeaviateDefinition.methods;
const callAggregate = (request: DeepPartial<AggregateRequest>) =>
  t.call("/weaviate.v1.Weaviate/Aggregate", AggregateRequest, aggregate.responseType, request);
const callDelete = (request: DeepPartial<BatchDeleteRequest>) =>
  t.call("/weaviate.v1.Weaviate/BatchDelete", BatchDeleteRequest, batchDelete.responseType, request);
const callTenants = (request: DeepPartial<TenantsGetRequest>) =>
  t.call("/weaviate.v1.Weaviate/TenantsGet", TenantsGetRequest, tenantsGet.responseType, request);

beforeAll(async () => {
  t = await startTestBackend();
  t.backend.store.define({ name: "Sale", properties: [{ name: "qty", dataType: "int" }] });
  const sales: [number, string, number, number, boolean, number[]][] = [
    [1, "north", 3, 10.5, true, [1, 0]],
    [2, "north", 5, 20, false, [0.9, 0.1]],
    [3, "south", 2, 7.5, true, [0, 1]],
    [4, "south", 2, 1, true, [0.1, 0.9]],
    [5, "east", 8, 100, false, [0.5, 0.5]],
  ];
  await t.insert(
    sales.map(([n, region, qty, amount, paid, v]) => ({
      collection: "Sale",
      uuid: uuid(n),
      properties: { nonRefProperties: { region, qty, amount, paid, when: `2024-0${n}-01T00:00:00Z` } },
      vectorBytes: vector(v),
    })),
  );
});
afterAll(() => t.close());

describe("groupBy", () => {
  it("groups vector hits by a property, keeping rank order and the distance range per group", async () => {
    const reply = await t.search({
      collection: "Sale",
      nearVector: {
        vectors: [{ type: Vectors_VectorType.VECTOR_TYPE_SINGLE_FP32, vectorBytes: vector([1, 0]) }],
      },
      groupBy: { path: ["region"], numberOfGroups: 2, objectsPerGroup: 1 },
      metadata: { uuid: true, distance: true },
    });
    expect(reply.results ?? []).toEqual([]);
    const groups = reply.groupByResults!;
    expect(
      groups.map((g) => [g.name, Number(g.numberOfObjects), g.objects?.map((o) => o.metadata?.id)]),
    ).toEqual([
      ["north", 1, [uuid(1)]],
      ["east", 1, [uuid(5)]],
    ]);
    expect(groups[0].minDistance).toBeCloseTo(0, 5);
    expect(groups[1].maxDistance).toBeCloseTo(1 - Math.SQRT1_2, 5);
  });
});

describe("BatchDelete", () => {
  it("reports matches without deleting in a dry run, and lists them when verbose", async () => {
    await t.insert(
      [1, 2, 3].map((n) => ({
        collection: "Temp",
        uuid: uuid(n),
        properties: { nonRefProperties: { keep: n === 1 } },
      })),
    );
    const filters = { operator: Op.OPERATOR_EQUAL, target: { property: "keep" }, valueBoolean: false };
    const dry = await callDelete({ collection: "temp", filters, dryRun: true, verbose: true });
    expect([dry.matches, dry.successful, dry.failed]).toEqual([2n, 2n, 0n]);
    expect(dry.objects?.map((o) => [o.uuid?.[15], o.successful])).toEqual([
      [2, true],
      [3, true],
    ]);
    expect(ids(await t.search({ collection: "Temp", metadata: { uuid: true } }))).toHaveLength(3);
    const real = await callDelete({ collection: "Temp", filters });
    expect([real.matches, real.successful, real.objects]).toEqual([2n, 2n, []]);
    expect(ids(await t.search({ collection: "Temp", metadata: { uuid: true } }))).toEqual([uuid(1)]);
  });

  it("requires a filter", async () => {
    expect(await failure(callDelete({ collection: "Sale" }))).toEqual({
      code: 2,
      details: "batch delete params: no filters in batch delete request",
    });
  });
});

describe("Aggregate", () => {
  it("counts objects and computes numeric, text, boolean and date aggregations", async () => {
    const reply = await callAggregate({
      collection: "Sale",
      objectsCount: true,
      aggregations: [
        {
          property: "qty",
          int: {
            count: true,
            sum: true,
            mean: true,
            median: true,
            mode: true,
            maximum: true,
            minimum: true,
            type: true,
          },
        },
        { property: "amount", number: { sum: true, maximum: true } },
        { property: "region", text: { count: true, topOccurences: true, topOccurencesLimit: 2 } },
        { property: "paid", boolean: { totalTrue: true } },
        { property: "when", date: { minimum: true, maximum: true } },
      ],
    });
    const single = reply.singleResult!;
    expect(single.objectsCount).toBe(5n);
    const [qty, amount, region, paid, when] = single.aggregations!.aggregations!;
    expect(qty.int).toMatchObject({
      count: 5n,
      sum: 20n,
      mean: 4,
      median: 3,
      mode: 2n,
      maximum: 8n,
      minimum: 2n,
      type: "int",
    });
    expect(amount.number).toMatchObject({ sum: 139, maximum: 100 });
    expect(region.text?.topOccurences?.items).toEqual([
      { value: "north", occurs: 2n },
      { value: "south", occurs: 2n },
    ]);
    expect(paid.boolean).toMatchObject({ totalTrue: 3n, totalFalse: 2n, percentageTrue: 0.6 });
    expect(when.date).toMatchObject({
      minimum: "2024-01-01T00:00:00.000Z",
      maximum: "2024-05-01T00:00:00.000Z",
    });
  });

  it("aggregates per group, largest group first, and over filtered or vector-selected objects", async () => {
    const grouped = await callAggregate({
      collection: "Sale",
      groupBy: { collection: "Sale", property: "region" },
      aggregations: [{ property: "qty", int: { sum: true } }],
    });
    const groups = grouped.groupedResults!.groups!;
    expect(
      groups.map((g) => [
        g.groupedBy?.text,
        Number(g.objectsCount),
        g.aggregations?.aggregations?.[0].int?.sum,
      ]),
    ).toEqual([
      ["north", 2, 8n],
      ["south", 2, 4n],
      ["east", 1, 8n],
    ]);
    const filtered = await callAggregate({
      collection: "Sale",
      objectsCount: true,
      filters: { operator: Op.OPERATOR_EQUAL, target: { property: "paid" }, valueBoolean: true },
    });
    expect(filtered.singleResult?.objectsCount).toBe(3n);
    const near = await callAggregate({
      collection: "Sale",
      objectsCount: true,
      objectLimit: 2,
      nearVector: { vectors: [{ vectorBytes: vector([1, 0]) }] },
      aggregations: [{ property: "region", text: { topOccurences: true, topOccurencesLimit: 1 } }],
    });
    expect(near.singleResult?.objectsCount).toBe(2n);
    expect(near.singleResult?.aggregations?.aggregations?.[0].text?.topOccurences?.items).toEqual([
      { value: "north", occurs: 2n },
    ]);
  });

  it("needs an object limit or a threshold with a vector search", async () => {
    const error = await failure(
      callAggregate({ collection: "Sale", nearVector: { vectors: [{ vectorBytes: vector([1, 0]) }] } }),
    );
    expect(error).toEqual({ code: 2, details: "must provide certainty or objectLimit with vector search" });
  });
});

describe("tenants", () => {
  it("creates a multi-tenant collection and its tenants on write and keeps their objects apart", async () => {
    await t.insert([
      {
        collection: "Notes",
        tenant: "alice",
        uuid: uuid(1),
        properties: { nonRefProperties: { text: "hers" } },
      },
      {
        collection: "Notes",
        tenant: "bob",
        uuid: uuid(2),
        properties: { nonRefProperties: { text: "his" } },
      },
    ]);
    expect(ids(await t.search({ collection: "Notes", tenant: "alice", metadata: { uuid: true } }))).toEqual([
      uuid(1),
    ]);
    expect(ids(await t.search({ collection: "Notes", tenant: "bob", metadata: { uuid: true } }))).toEqual([
      uuid(2),
    ]);
    expect(await failure(t.search({ collection: "Notes" }))).toEqual({
      code: 2,
      details: "class Notes has multi-tenancy enabled, but request was without tenant",
    });
    expect(await failure(t.search({ collection: "Sale", tenant: "alice" }))).toEqual({
      code: 2,
      details: "class Sale has multi-tenancy disabled, but request was with tenant",
    });
  });

  it("lists tenants with their activity status, all or by name", async () => {
    t.backend.store.addTenant("Notes", "carol", "COLD");
    const all = await callTenants({ collection: "Notes" });
    expect(all.tenants).toEqual([
      { name: "alice", activityStatus: TenantActivityStatus.TENANT_ACTIVITY_STATUS_HOT },
      { name: "bob", activityStatus: TenantActivityStatus.TENANT_ACTIVITY_STATUS_HOT },
      { name: "carol", activityStatus: TenantActivityStatus.TENANT_ACTIVITY_STATUS_COLD },
    ]);
    const named = await callTenants({ collection: "Notes", names: { values: ["bob", "nobody"] } });
    expect(named.tenants?.map((x) => x.name)).toEqual(["bob"]);
    expect(await failure(t.search({ collection: "Notes", tenant: "carol" }))).toEqual({
      code: 2,
      details: "tenant not active: 'carol'",
    });
  });

  it("answers TenantsGet errors as Weaviate does", async () => {
    expect(await failure(callTenants({ collection: "Missing" }))).toEqual({
      code: 2,
      details: "get tenants: failed to execute query: could not get tenants: class not found",
    });
    expect((await failure(callTenants({ collection: "Sale" }))).details).toBe(
      'get tenants: failed to execute query: could not get tenants: multi-tenancy is not enabled for class "Sale"',
    );
  });
});
