import { BinaryWriter } from "@bufbuild/protobuf/wire";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hexToBytes } from "../auth/constant-time-equal.js";
import type { Value } from "../gen/v1/properties.js";
import { type MetadataResult, SearchReply, type SearchResult } from "../gen/v1/search_get.js";
import { concatBytes } from "../http/concat-bytes.js";
import { fromSearchReply } from "./search-reply.js";
import { decodeSearchReply, renderSearchReply, searchAnswerJson } from "./search-reply-render.js";

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** What the general path gives for these bytes: the answer's JSON text, or the decode error. */
function general(bytes: Uint8Array): { json: string } | { error: string } {
  try {
    return { json: JSON.stringify(fromSearchReply(SearchReply.decode(bytes))) };
  } catch (e) {
    return { error: String(e) };
  }
}

/** The same through decodeSearchReply and searchAnswerJson (the route's path), read as strict UTF-8. */
function rendered(bytes: Uint8Array): { json: string } | { error: string } {
  try {
    return { json: utf8.decode(searchAnswerJson(decodeSearchReply(bytes))) };
  } catch (e) {
    return { error: String(e) };
  }
}

const encode = (reply: SearchReply) => SearchReply.encode(reply).finish();

// ---- arbitraries: replies as Weaviate sends them, with the awkward values a JSON writer can get wrong

const text = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 12 }),
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.constantFrom(
    "",
    'quote " backslash \\ /',
    "\u0000\u0001\b\t\n\f\r\u001f\u007f",
    "é😀\u2028\u2029\ufeff",
    "plain",
  ),
);
const name = fc.oneof(
  fc.stringMatching(/^[_A-Za-z][_0-9A-Za-z]{0,8}$/),
  fc.constantFrom("constructor", "toString"),
);
const int64 = fc.oneof(
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
  fc.constantFrom(
    0n,
    2n ** 53n - 1n,
    2n ** 53n,
    -(2n ** 53n) + 1n,
    -(2n ** 53n),
    -1n,
    2n ** 32n,
    -(2n ** 32n),
  ),
);
const float32 = fc.float();
/** int64s as Weaviate packs them: 8 bytes each, little-endian. */
const int64s = fc.array(int64, { maxLength: 3 }).map((values) => {
  const bytes = new Uint8Array(8 * values.length);
  const view = new DataView(bytes.buffer);
  for (const [i, v] of values.entries()) view.setBigInt64(8 * i, v, true);
  return bytes;
});

/** The Value kinds the fast path renders itself. */
const scalarValue: fc.Arbitrary<Value> = fc.oneof(
  text.map((textValue) => ({ textValue })),
  fc.double().map((numberValue) => ({ numberValue })),
  int64.map((intValue) => ({ intValue })),
  fc.boolean().map((boolValue) => ({ boolValue })),
  text.map((dateValue) => ({ dateValue })),
  fc.uuid().map((uuidValue) => ({ uuidValue })),
  fc.base64String({ maxLength: 12 }).map((blobValue) => ({ blobValue })),
  fc.constant({ nullValue: 0 }),
  fc.constant({}),
  fc.array(text, { maxLength: 3 }).map((values) => ({ listValue: { textValues: { values } } })),
  fc.array(text, { maxLength: 2 }).map((values) => ({ listValue: { dateValues: { values } } })),
  fc.array(fc.uuid(), { maxLength: 2 }).map((values) => ({ listValue: { uuidValues: { values } } })),
  fc.array(fc.boolean(), { maxLength: 3 }).map((values) => ({ listValue: { boolValues: { values } } })),
  // Any bytes: NaN patterns, lengths that are not a multiple of 8.
  fc.uint8Array({ maxLength: 27 }).map((values) => ({ listValue: { numberValues: { values } } })),
  fc
    .oneof(fc.uint8Array({ maxLength: 27 }), int64s)
    .map((values) => ({ listValue: { intValues: { values } } })),
  fc.constant({ listValue: {} }),
);

/** Kinds it leaves to the general path. */
const otherValue: fc.Arbitrary<Value> = fc.oneof(
  fc.array(fc.record({ a: scalarValue }), { maxLength: 2 }).map((objects) => ({
    listValue: { objectValues: { values: objects.map((fields) => ({ fields })) } },
  })),
  fc.record({ a: scalarValue }).map((fields) => ({ objectValue: { fields } })),
  fc.constant<Value>({ listValue: { textValues: { values: ["a"] }, boolValues: { values: [true] } } }),
  fc.record({ latitude: float32, longitude: float32 }).map((geoValue) => ({ geoValue })),
  fc.constant({ phoneValue: { input: "+31 20 123 4567", countryCode: 31n, valid: true } }),
  fc.record({ textValue: text, numberValue: fc.double() }),
);

const fields = (value: fc.Arbitrary<Value>) =>
  fc.array(fc.tuple(name, value), { maxLength: 6 }).map((entries) => Object.fromEntries(entries));

const metadata: fc.Arbitrary<MetadataResult> = fc.record(
  {
    id: fc.oneof(fc.uuid(), text),
    creationTimeUnix: fc.oneof(int64, fc.bigInt({ min: 0n, max: 4_000_000_000_000n })),
    creationTimeUnixPresent: fc.boolean(),
    lastUpdateTimeUnix: fc.oneof(int64, fc.bigInt({ min: 0n, max: 4_000_000_000_000n })),
    lastUpdateTimeUnixPresent: fc.boolean(),
    distance: float32,
    distancePresent: fc.boolean(),
    certainty: float32,
    certaintyPresent: fc.boolean(),
    score: float32,
    scorePresent: fc.boolean(),
    explainScore: text,
    explainScorePresent: fc.boolean(),
    isConsistent: fc.boolean(),
    isConsistentPresent: fc.boolean(),
    rerankScore: fc.double(),
    rerankScorePresent: fc.boolean(),
    vectorBytes: fc.uint8Array({ maxLength: 26 }),
    idAsBytes: fc.uint8Array({ maxLength: 16 }),
    vector: fc.array(float32, { maxLength: 2 }),
  },
  { requiredKeys: [] },
);

const result = (value: fc.Arbitrary<Value>): fc.Arbitrary<SearchResult> =>
  fc.record(
    {
      properties: fc.record(
        {
          targetCollection: fc.oneof(name, fc.constant("")),
          nonRefProps: fields(value).map((f) => ({ fields: f })),
        },
        { requiredKeys: [] },
      ),
      metadata,
    },
    { requiredKeys: [] },
  );

const reply = (value: fc.Arbitrary<Value>): fc.Arbitrary<SearchReply> =>
  fc.record({
    took: fc.oneof(float32, fc.constant(0.0123)),
    results: fc.array(result(value), { maxLength: 4 }),
    generativeGroupedResult: fc.constant(""),
  });

const SEED = { seed: 20261124 };

describe("renderSearchReply", () => {
  it("renders the general path's exact JSON for the replies it takes, and takes every common one (seeded property test)", () => {
    fc.assert(
      fc.property(reply(scalarValue), (r) => {
        const bytes = encode(r);
        const fast = renderSearchReply(bytes);
        const expected = general(bytes);
        // Reply strings come from JavaScript strings here, so they are valid UTF-8: every reply is common.
        expect(fast, JSON.stringify(expected)).toBeDefined();
        expect({ json: utf8.decode(fast as Uint8Array) }).toEqual(expected);
      }),
      { ...SEED, numRuns: 600 },
    );
  });

  it("answers what the general path answers for any reply, with references, lists or groups too (seeded)", () => {
    const unusual = fc.oneof(
      reply(fc.oneof(scalarValue, otherValue)),
      fc.record({
        results: fc.array(
          fc.oneof(
            result(scalarValue).map((r) => ({ ...r, generative: { values: [{ result: "answer" }] } })),
            result(scalarValue).map((r) => ({
              ...r,
              properties: { ...r.properties, refProps: [{ propName: "author", properties: [] }] },
            })),
            result(scalarValue).map((r) => ({
              ...r,
              metadata: { ...r.metadata, vectors: [{ name: "text", vectorBytes: new Uint8Array(8) }] },
            })),
            result(scalarValue).map((r) => ({
              ...r,
              metadata: { ...r.metadata, generative: "g", generativePresent: true },
            })),
          ),
          { maxLength: 3 },
        ),
        groupByResults: fc.array(
          fc.record({ name, objects: fc.array(result(scalarValue), { maxLength: 2 }) }),
          {
            maxLength: 1,
          },
        ),
        generativeGroupedResult: fc.oneof(fc.constant(""), text),
        queryProfile: fc.option(
          fc.constant<SearchReply["queryProfile"]>({ shards: [{ name: "s", node: "n", searches: {} }] }),
          { nil: undefined },
        ),
      }),
    );
    fc.assert(
      fc.property(unusual, (r) => {
        const bytes = encode(r);
        expect(rendered(bytes)).toEqual(general(bytes));
      }),
      { ...SEED, numRuns: 400 },
    );
  });

  it("answers what the general path answers for damaged bytes: cut, flipped or with unknown fields (seeded)", () => {
    const damaged = fc.tuple(
      reply(scalarValue),
      fc.nat(),
      fc.nat(255),
      fc.constantFrom("cut", "flip", "append"),
    );
    fc.assert(
      fc.property(damaged, ([r, at, byte, how]) => {
        let bytes = encode(r);
        if (how === "cut") bytes = bytes.subarray(0, at % (bytes.length + 1));
        else if (how === "flip" && bytes.length) bytes[at % bytes.length] = byte;
        else {
          const unknown = new BinaryWriter().uint32(
            (99 << 3) | (byte % 3 === 0 ? 0 : byte % 3 === 1 ? 2 : 5),
          );
          if (byte % 3 === 0) unknown.uint64(BigInt(at));
          else if (byte % 3 === 1) unknown.string("extension");
          else unknown.fixed32(at);
          const tail = unknown.finish();
          const joined = new Uint8Array(bytes.length + tail.length);
          joined.set(bytes);
          joined.set(tail, bytes.length);
          bytes = joined;
        }
        expect(rendered(bytes)).toEqual(general(bytes));
      }),
      { ...SEED, numRuns: 600 },
    );
  });
});

/** A reply of one result whose properties are the given raw map entries (key bytes, Value bytes). */
function replyWithEntries(entries: [Uint8Array, Uint8Array | undefined][]): Uint8Array {
  const props = new BinaryWriter();
  for (const [key, value] of entries) {
    const entry = new BinaryWriter().uint32(10).bytes(key);
    if (value) entry.uint32(18).bytes(value);
    props.uint32(10).bytes(entry.finish());
  }
  const propertiesResult = new BinaryWriter()
    .uint32((11 << 3) | 2)
    .bytes(props.finish())
    .finish();
  const searchResult = new BinaryWriter().uint32(10).bytes(propertiesResult).finish();
  return new BinaryWriter().uint32(18).bytes(searchResult).finish();
}

const bytesOf = (s: string) => new TextEncoder().encode(s);
const textValue = (raw: Uint8Array) =>
  new BinaryWriter()
    .uint32((13 << 3) | 2)
    .bytes(raw)
    .finish();

describe("renderSearchReply leaves to the general path", () => {
  it.each<[string, [Uint8Array, Uint8Array | undefined][], string]>([
    [
      "a repeated key (the last value wins, in the first one's place)",
      [
        [bytesOf("a"), textValue(bytesOf("1"))],
        [bytesOf("b"), textValue(bytesOf("2"))],
        [bytesOf("a"), textValue(bytesOf("3"))],
      ],
      '{"a":"3","b":"2"}',
    ],
    [
      "an integer-like key (objects put those first)",
      [
        [bytesOf("b"), textValue(bytesOf("x"))],
        [bytesOf("1"), textValue(bytesOf("y"))],
      ],
      '{"1":"y","b":"x"}',
    ],
  ])("%s", (_name, entries, properties) => {
    const bytes = replyWithEntries(entries);
    expect(renderSearchReply(bytes)).toBeUndefined();
    const answer = rendered(bytes);
    expect(answer).toEqual(general(bytes));
    expect(answer).toEqual({ json: `{"objects":[{"id":"","properties":${properties}}],"tookMs":0}` });
  });

  // Each sequence the WHATWG decoder replaces with U+FFFD, at the edges of the valid ranges.
  it.each([
    ["overlong 2-byte", [0xc0, 0x80]],
    ["overlong 2-byte (C1)", [0xc1, 0xbf]],
    ["overlong 3-byte", [0xe0, 0x80, 0x80]],
    ["overlong 3-byte (E0 9F)", [0xe0, 0x9f, 0xbf]],
    ["surrogate", [0xed, 0xa0, 0x80]],
    ["overlong 4-byte", [0xf0, 0x8f, 0xbf, 0xbf]],
    ["above U+10FFFF", [0xf4, 0x90, 0x80, 0x80]],
    ["F5 lead", [0xf5, 0x80, 0x80, 0x80]],
    ["lone continuation", [0x80]],
    ["cut sequence", [0xe2, 0x82]],
    ["bad continuation", [0xe2, 0x28, 0xa1]],
    ["FF", [0xff]],
  ])("invalid UTF-8: %s", (_name, sequence) => {
    const bytes = replyWithEntries([[bytesOf("t"), textValue(new Uint8Array([0x61, ...sequence, 0x62]))]]);
    expect(renderSearchReply(bytes)).toBeUndefined();
    const answer = rendered(bytes);
    expect(answer).toEqual(general(bytes));
    expect((answer as { json: string }).json).toContain("\ufffd");
  });

  it.each([
    ["E0 A0 80", [0xe0, 0xa0, 0x80]],
    ["ED 9F BF", [0xed, 0x9f, 0xbf]],
    ["F0 90 80 80", [0xf0, 0x90, 0x80, 0x80]],
    ["F4 8F BF BF", [0xf4, 0x8f, 0xbf, 0xbf]],
    ["C2 80", [0xc2, 0x80]],
    ["a byte-order mark", [0xef, 0xbb, 0xbf]],
  ])("copies valid UTF-8 at the edges of the ranges: %s", (_name, sequence) => {
    const bytes = replyWithEntries([[bytesOf("t"), textValue(new Uint8Array([0x61, ...sequence, 0x62]))]]);
    const fast = renderSearchReply(bytes);
    expect(fast).toBeDefined();
    expect({ json: utf8.decode(fast as Uint8Array) }).toEqual(general(bytes));
  });

  it("drops an entry without a value, as ts-proto does, on the fast path too", () => {
    const bytes = replyWithEntries([
      [bytesOf("gone"), undefined],
      [bytesOf("kept"), textValue(bytesOf("v"))],
    ]);
    const fast = renderSearchReply(bytes);
    expect(fast).toBeDefined();
    expect(utf8.decode(fast as Uint8Array)).toBe(
      '{"objects":[{"id":"","properties":{"kept":"v"}}],"tookMs":0}',
    );
  });
});

/** A length-delimited field `field` holding `body`. */
const len = (field: number, body: Uint8Array) =>
  new BinaryWriter()
    .uint32((field << 3) | 2)
    .bytes(body)
    .finish();
const concat = (...parts: Uint8Array[]) =>
  concatBytes(
    parts,
    parts.reduce((n, p) => n + p.length, 0),
  );
/** A reply of one result with this MetadataResult body. */
const replyWithMetadata = (metadata: Uint8Array) => len(2, len(2, metadata));

describe("renderSearchReply and the wire data ts-proto reads its own way", () => {
  // Found in review: fields the answer does not show but ts-proto still decodes.
  it.each([
    ["a packed deprecated vector whose length is not a multiple of 4", "120812061201000a0141"],
    ["the same at the end of the buffer (ts-proto throws)", "12051203120100"],
    ["PropertiesResult.metadata with a tag 0 inside", "12080a062204001a0158"],
    ["PropertiesResult.metadata with wire type 6 inside (ts-proto throws)", "12050a0322010e"],
    ["a tag 0 in a result", "1204000a0000"],
    ["a nested length past its parent's end", "12020a031a0158"],
    ["a nested length past the buffer", "12050a0b22010e"],
  ])("leaves it: %s", (_name, bytesHex) => {
    const bytes = hexToBytes(bytesHex);
    expect(renderSearchReply(bytes)).toBeUndefined();
    expect(rendered(bytes)).toEqual(general(bytes));
  });

  it("keeps the last of a repeated scalar field, as ts-proto does", () => {
    const w = new BinaryWriter();
    w.uint32(10).string("first").uint32(10).string("second"); // id
    w.uint32(61).float(0.5).uint32(64).bool(true).uint32(61).float(0.25); // distance, present, distance
    w.uint32(80).bool(true).uint32(80).bool(false); // certainty_present: true, then false
    w.uint32((21 << 3) | 1)
      .double(1.5)
      .uint32(176)
      .bool(true); // rerank score
    const bytes = replyWithMetadata(w.finish());
    const fast = renderSearchReply(bytes);
    expect(fast).toBeDefined();
    expect({ json: utf8.decode(fast as Uint8Array) }).toEqual(general(bytes));
    expect(utf8.decode(fast as Uint8Array)).toBe(
      '{"objects":[{"id":"second","properties":{},"metadata":{"distance":0.25,"rerankScore":1.5}}],"tookMs":0}',
    );
  });

  it("skips unknown fields of every wire type, as ts-proto does", () => {
    const unknown = new BinaryWriter()
      .uint32((90 << 3) | 1)
      .fixed64(7n)
      .uint32((91 << 3) | 5)
      .fixed32(7)
      .uint32(92 << 3)
      .uint64(2n ** 63n)
      .uint32((93 << 3) | 2)
      .string("x")
      .finish();
    const entry = concat(len(1, bytesOf("k")), unknown, len(2, textValue(bytesOf("v"))));
    const bytes = concat(unknown, len(2, concat(unknown, len(1, concat(unknown, len(11, len(1, entry)))))));
    const fast = renderSearchReply(bytes);
    expect(fast).toBeDefined();
    expect({ json: utf8.decode(fast as Uint8Array) }).toEqual(general(bytes));
  });

  it("reads tags and lengths of one to five bytes, and leaves a tag past 32 bits", () => {
    // A 16 KiB text: lengths of 3 bytes. Field 2^25, an unknown varint: a tag of 5 bytes.
    const padded = replyWithEntries([[bytesOf("t"), textValue(bytesOf("x".repeat(2 ** 14)))]]);
    const farTag = new BinaryWriter().uint32(2 ** 28).finish();
    expect(farTag).toHaveLength(5);
    for (const bytes of [padded, concat(farTag, new Uint8Array([1]), padded)]) {
      expect(renderSearchReply(bytes)).toBeDefined();
      expect(rendered(bytes)).toEqual(general(bytes));
    }
    // Tag 2^32 + 18: ts-proto keeps the low 32 bits (field 2, a result); the renderer leaves it to the decoder.
    const overLong = concat(new Uint8Array([0x92, 0x80, 0x80, 0x80, 0x10]), padded.subarray(1));
    expect(renderSearchReply(overLong)).toBeUndefined();
    expect((rendered(overLong) as { json: string }).json).toContain('"t":"xxx');
    expect(rendered(overLong)).toEqual(general(overLong));
  });

  it("leaves a packed bool that runs past its packed length", () => {
    const boolValues = concat(new Uint8Array([0x0a, 0x01, 0x81]), new Uint8Array([0x01])); // 1 byte claimed, a 2-byte varint
    const list = len(3, boolValues);
    const bytes = replyWithEntries([[bytesOf("flags"), len(5, list)]]);
    expect(renderSearchReply(bytes)).toBeUndefined();
    expect(rendered(bytes)).toEqual(general(bytes));
  });

  it("leaves a reply whose deprecated grouped answer has text (the general path shows it)", () => {
    const bytes = concat(
      replyWithEntries([[bytesOf("a"), textValue(bytesOf("b"))]]),
      len(3, bytesOf("answer")),
    );
    expect(renderSearchReply(bytes)).toBeUndefined();
    expect((rendered(bytes) as { json: string }).json).toContain('"generated":"answer"');
    expect(rendered(bytes)).toEqual(general(bytes));
  });

  it("leaves a property named __proto__, which the general path shows as an own key", () => {
    const bytes = replyWithEntries([
      [bytesOf("__proto__"), textValue(bytesOf("p"))],
      [bytesOf("title"), textValue(bytesOf("t"))],
    ]);
    expect(renderSearchReply(bytes)).toBeUndefined();
    expect(rendered(bytes)).toEqual({
      json: '{"objects":[{"id":"","properties":{"title":"t","__proto__":"p"}}],"tookMs":0}',
    });
  });

  it("renders answers past its kept buffer (1 MiB), and small ones after them", () => {
    const big = `${'a"\\\n'.repeat(300_000)}é`; // 1.5 MB of text, a third of it escaped
    const large = replyWithEntries([[bytesOf("text"), textValue(bytesOf(big))]]);
    const small = replyWithEntries([[bytesOf("text"), textValue(bytesOf("small"))]]);
    for (const bytes of [large, small, large]) {
      const fast = renderSearchReply(bytes);
      expect(fast).toBeDefined();
      expect({ json: utf8.decode(fast as Uint8Array) }).toEqual(general(bytes));
    }
  });

  it("renders vectors whose numbers print long, however full the buffer is when they start", () => {
    // Magnitudes from 1e16 to 1e21 print as up to 22 digits ("-123456790000000000000"); vectors of
    // them, mixed with short numbers, must not run past the room reserved for a vector.
    const floats = (n: number, long: number) =>
      new Uint8Array(new Float32Array(n).map((_, i) => (i < long ? -1.2345679e20 : -0.12345679)).buffer);
    for (const [n, long] of [
      [2000, 1200],
      [1536, 1536],
      [300, 1],
      [5000, 2500],
    ]) {
      const bytes = encode({
        took: 1,
        results: [{ metadata: { id: "00000000-0000-4000-8000-000000000001", vectorBytes: floats(n, long) } }],
      } as SearchReply);
      const fast = renderSearchReply(bytes);
      expect(fast).toBeDefined();
      expect({ json: utf8.decode(fast as Uint8Array) }).toEqual(general(bytes));
    }
  });
});
