import { v5 as oracleV5 } from "uuid";
import { describe, expect, it } from "vitest";
import { bytesToUuid, canonicalJson, deterministicId, ID_NAMESPACE, uuidV5 } from "./ids.js";

describe("uuidV5", () => {
  it.each([
    ["", ID_NAMESPACE],
    ["Article\n{}", ID_NAMESPACE],
    ["www.example.com", "6ba7b810-9dad-11d1-80b4-00c04fd430c8"],
    ["ünïcødé ✓", ID_NAMESPACE],
  ])("matches the uuid package's v5 for %j", async (name, ns) => {
    expect(await uuidV5(name, ns)).toBe(oracleV5(name, ns));
  });

  it("gives the RFC 9562 example id for the DNS namespace", async () => {
    expect(await uuidV5("www.example.com", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).toBe(
      "2ed6657d-e927-568b-95e1-2665a8aea6a2",
    );
  });
});

describe("canonicalJson", () => {
  it("sorts keys at every depth and drops undefined", () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[{"y":2,"z":1}]},"b":1}',
    );
  });
});

describe("deterministicId", () => {
  it("is the same for the same content whatever the key order", async () => {
    const a = await deterministicId("Article", { properties: { title: "x", n: 1 }, vector: [1, 2] });
    const b = await deterministicId("Article", { vector: [1, 2], properties: { n: 1, title: "x" } });
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("differs by collection, content and tenant, but not by the collection's first-letter case", async () => {
    const base = await deterministicId("Article", { properties: { title: "x" } });
    expect(await deterministicId("Note", { properties: { title: "x" } })).not.toBe(base);
    expect(await deterministicId("Article", { properties: { title: "y" } })).not.toBe(base);
    expect(await deterministicId("Article", { properties: { title: "x" } }, "t1")).not.toBe(base);
    expect(await deterministicId("article", { properties: { title: "x" } })).toBe(base);
  });
});

describe("bytesToUuid", () => {
  it("formats 16 bytes as lowercase canonical text", () => {
    const bytes = Uint8Array.from({ length: 16 }, (_, i) => i * 17);
    expect(bytesToUuid(bytes)).toBe("00112233-4455-6677-8899-aabbccddeeff");
  });
});
