import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Vectors_VectorType } from "../../src/gen/v1/base.js";
import { ids, plain, startTestBackend, type TestBackend, uuid, vector } from "./support.js";

let t: TestBackend;

beforeAll(async () => {
  t = await startTestBackend();
  // Inserted out of UUID order, so insertion order, cursor order and sort order all differ.
  const rows: [number, string, number][] = [
    [3, "cherry", 3],
    [1, "Banana", 1],
    [5, "apple", 5],
    [2, "date", 2],
    [4, "Elderberry", 4],
  ];
  await t.insert(
    rows.map(([n, name, rank]) => ({
      collection: "Fruit",
      uuid: uuid(n),
      properties: { nonRefProperties: { name, rank, ...(n === 4 ? {} : { colour: "red" }) } },
      vectorBytes: vector([n, 1]),
      vectors: [
        { name: "extra", type: Vectors_VectorType.VECTOR_TYPE_SINGLE_FP32, vectorBytes: vector([1, n]) },
      ],
    })),
  );
});
afterAll(() => t.close());

const numbers = (list: string[]) => list.map((id) => Number(id.slice(-2)));

describe("fetch, paging and selection", () => {
  it("lists objects in insertion order with limit and offset", async () => {
    const page = await t.search({ collection: "Fruit", limit: 2, offset: 1, metadata: { uuid: true } });
    expect(numbers(ids(page))).toEqual([1, 5]);
  });

  it("pages through all objects in UUID order with the after cursor", async () => {
    const page = (after: string) =>
      t.search({ collection: "Fruit", limit: 2, after, metadata: { uuid: true } });
    const first = await page("00000000-0000-0000-0000-000000000000");
    const second = await page(ids(first)[1]);
    const third = await page(ids(second)[1]);
    expect([ids(first), ids(second), ids(third)].map(numbers)).toEqual([[1, 2], [3, 4], [5]]);
  });

  it("refuses an after cursor together with a filter, as Weaviate's cursor API does", async () => {
    await expect(
      t.search({
        collection: "Fruit",
        after: uuid(1),
        filters: { operator: 1, target: { property: "name" }, valueText: "x" },
      }),
    ).rejects.toMatchObject({
      code: 2,
      details:
        "explorer: cursor api: invalid 'after' parameter: where cannot be set with after and limit parameters",
    });
  });

  it("sorts case-insensitively, descending, and by several keys with missing values first ascending", async () => {
    const byName = await t.search({
      collection: "Fruit",
      sortBy: [{ path: ["name"], ascending: true }],
      metadata: { uuid: true },
    });
    expect(numbers(ids(byName))).toEqual([5, 1, 3, 2, 4]);
    const byRankDesc = await t.search({
      collection: "Fruit",
      sortBy: [{ path: ["rank"], ascending: false }],
      metadata: { uuid: true },
    });
    expect(numbers(ids(byRankDesc))).toEqual([5, 4, 3, 2, 1]);
    const byColourThenRank = await t.search({
      collection: "Fruit",
      sortBy: [
        { path: ["colour"], ascending: true },
        { path: ["_id"], ascending: true },
      ],
      metadata: { uuid: true },
    });
    expect(numbers(ids(byColourThenRank))).toEqual([4, 1, 2, 3, 5]);
  });

  it("returns all non-reference properties when none are requested, and only the listed ones otherwise", async () => {
    const all = await t.search({ collection: "Fruit", limit: 1 });
    expect(plain(all.results?.[0].properties?.nonRefProps?.fields)).toEqual({
      name: "cherry",
      rank: 3,
      colour: "red",
    });
    const listed = await t.search({
      collection: "Fruit",
      limit: 1,
      properties: { nonRefProperties: ["Name"] },
    });
    expect(plain(listed.results?.[0].properties?.nonRefProps?.fields)).toEqual({ name: "cherry" });
  });

  it("answers null_value for a requested property the object does not have", async () => {
    const reply = await t.search({
      collection: "Fruit",
      after: uuid(3),
      limit: 1,
      properties: { nonRefProperties: ["colour"] },
    });
    expect(reply.results?.[0].properties?.nonRefProps?.fields?.colour).toEqual({ nullValue: 0 });
  });

  it("sends no metadata unless asked, and each requested value with its present flag", async () => {
    const bare = await t.search({ collection: "Fruit", limit: 1 });
    expect(bare.results?.[0].metadata).toEqual(
      expect.objectContaining({ id: "", creationTimeUnixPresent: false }),
    );
    const reply = await t.search({
      collection: "Fruit",
      limit: 1,
      metadata: { uuid: true, creationTimeUnix: true, lastUpdateTimeUnix: true, distance: true, score: true },
    });
    const metadata = reply.results![0].metadata!;
    expect(metadata.id).toBe(uuid(3));
    expect(new Uint8Array(metadata.idAsBytes!)).toEqual(
      new Uint8Array([0, 0, 0, 0, 0, 0, 0x40, 0, 0x80, 0, 0, 0, 0, 0, 0, 3]),
    );
    expect(metadata.creationTimeUnixPresent).toBe(true);
    expect(Number(metadata.creationTimeUnix)).toBeGreaterThan(Date.now() - 60_000);
    expect(metadata.lastUpdateTimeUnix).toBe(metadata.creationTimeUnix);
    expect(metadata.distancePresent).toBe(false);
    expect(metadata.scorePresent).toBe(false);
  });

  it("returns the unnamed vector in vector_bytes and named vectors in vectors", async () => {
    const reply = await t.search({ collection: "Fruit", limit: 1, metadata: { vector: true } });
    const metadata = reply.results![0].metadata!;
    expect(new Uint8Array(metadata.vectorBytes!)).toEqual(vector([3, 1]));
    const named = metadata.vectors?.map((v) => ({ ...v, vectorBytes: new Uint8Array(v.vectorBytes!) }));
    expect(named).toEqual([
      {
        name: "extra",
        index: 0n,
        vectorBytes: vector([1, 3]),
        type: Vectors_VectorType.VECTOR_TYPE_SINGLE_FP32,
      },
    ]);
    const onlyNamed = await t.search({ collection: "Fruit", limit: 1, metadata: { vectors: ["extra"] } });
    expect(onlyNamed.results![0].metadata!.vectorBytes?.length ?? 0).toBe(0);
    expect(onlyNamed.results![0].metadata!.vectors?.map((v) => v.name)).toEqual(["extra"]);
  });
});
