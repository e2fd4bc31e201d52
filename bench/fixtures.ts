/**
 * What every scenario sends and what the fixed-reply upstream answers, shared by the orchestrator, the
 * upstream, the direct gRPC client and the in-process floor so that all sides do the same work.
 * Deterministic (a seeded generator), so two runs send byte-identical bodies.
 */
import { BatchObjectsReply } from "../src/gen/v1/batch.js";
import { SearchReply, type SearchResult } from "../src/gen/v1/search_get.js";

export const DIM = 1536;
export const IMPORT_DIM = 384;
/** Collections: the fixed upstream picks its reply by the collection's first letter. */
export const SMALL = "Small";
export const VECTORS = "Vectors";
export const BATCH = "Batch";
export const IMPORT = "Import";
export const TEXT_PROPS = ["title", "summary", "author", "category", "url"] as const;

/** A small, seeded PRNG (mulberry32): the same floats in every process and run. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An embedding-like vector: float32 values in [-0.1, 0.1), as JSON clients print them (shortest float32). */
export function embedding(dim: number, seed: number): number[] {
  const next = random(seed);
  const out = new Array<number>(dim);
  for (let i = 0; i < dim; i++) out[i] = Number(Math.fround(next() * 0.2 - 0.1).toPrecision(8));
  return out;
}

function uuid(i: number): string {
  return `00000000-0000-4000-8000-${i.toString(16).padStart(12, "0")}`;
}

function textProperties(i: number): Record<string, string> {
  return {
    title: `Result number ${i}: a short title`,
    summary: `A paragraph of text for result ${i}. `.repeat(4).trim(),
    author: `Author ${i}`,
    category: ["science", "history", "sport", "art"][i % 4],
    url: `https://example.com/articles/${i}`,
  };
}

// ---- scenario 1 and 2: search

export const SMALL_SEARCH_BODY = JSON.stringify({ limit: 10, returnProperties: [...TEXT_PROPS] });

export const VECTOR_SEARCH_BODY = JSON.stringify({
  nearVector: { vector: embedding(DIM, 7) },
  limit: 10,
  returnProperties: [...TEXT_PROPS],
  returnMetadata: ["distance"],
  includeVector: true,
});

function result(i: number, withVector: boolean): SearchResult {
  const props = textProperties(i);
  return {
    properties: {
      targetCollection: withVector ? VECTORS : SMALL,
      nonRefProps: {
        fields: Object.fromEntries(Object.entries(props).map(([k, v]) => [k, { textValue: v }])),
      },
    },
    metadata: {
      id: uuid(i),
      ...(withVector && {
        distance: 0.1 + i / 100,
        distancePresent: true,
        vectorBytes: new Uint8Array(Float32Array.from(embedding(DIM, 100 + i)).buffer),
      }),
    },
  };
}

/** The encoded replies of the fixed upstream: 10 objects with 5 text properties, with or without vectors. */
export function fixedReplies(): { small: Uint8Array; vectors: Uint8Array; batch: Uint8Array } {
  const reply = (withVector: boolean) =>
    SearchReply.encode(
      SearchReply.fromPartial({
        took: 0.0004,
        results: Array.from({ length: 10 }, (_, i) => result(i, withVector)),
      }),
    ).finish();
  return {
    small: reply(false),
    vectors: reply(true),
    batch: BatchObjectsReply.encode({ took: 0.002, errors: [] }).finish(),
  };
}

// ---- scenario 3: batch insert

export const BATCH_OBJECTS = 100;

export function batchObjectsJson(count = BATCH_OBJECTS): { properties: object; vector: number[] }[] {
  return Array.from({ length: count }, (_, i) => ({
    properties: { ...textProperties(i), n: i },
    vector: embedding(DIM, 1000 + i),
  }));
}

export const batchBody = (): string => JSON.stringify({ objects: batchObjectsJson() });

// ---- scenario 4: NDJSON import

/**
 * NDJSON lines on the fly, `chunkBytes` at a time, until `totalBytes`: never held whole. Vectors cycle through
 * 64 pre-printed ones; every line has its own number and title.
 */
export function* ndjsonChunks(totalBytes: number, chunkBytes = 256 * 1024): Generator<Buffer> {
  const vectors = Array.from({ length: 64 }, (_, i) => JSON.stringify(embedding(IMPORT_DIM, 5000 + i)));
  const body = "lorem ipsum dolor sit amet ".repeat(12).trim();
  let sent = 0;
  let n = 0;
  while (sent < totalBytes) {
    let piece = "";
    while (piece.length < chunkBytes) {
      piece += `{"properties":{"n":${n},"title":"object ${n}","body":"${body}","tags":["a","b"]},"vector":${vectors[n & 63]}}\n`;
      n++;
    }
    const buf = Buffer.from(piece);
    sent += buf.byteLength;
    yield buf;
  }
}
