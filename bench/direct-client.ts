/**
 * The limit: a direct @grpc/grpc-js client making the same calls to the same upstream, in its own process,
 * with autocannon's concurrency model (N calls in flight, each followed at once by the next, for a fixed
 * time). It does what any application using grpc-js does per call: encode the request with the generated
 * codec, decode the reply. `node direct-client.mjs '{"port", "kind", "concurrency", "seconds", "warmup"}'`;
 * prints one JSON line (bench/stats.ts LoadResult, plus objectsPerSecond for batches).
 */
import { randomUUID } from "node:crypto";
import * as grpc from "@grpc/grpc-js";
import { BatchObjectsReply, BatchObjectsRequest } from "../src/gen/v1/batch.js";
import { SearchReply, SearchRequest } from "../src/gen/v1/search_get.js";
import { SearchBody } from "../src/schemas/search.js";
import { toSearchRequest } from "../src/translate/search-request.js";
import {
  BATCH,
  BATCH_OBJECTS,
  batchObjectsJson,
  SMALL,
  SMALL_SEARCH_BODY,
  VECTOR_SEARCH_BODY,
  VECTORS,
} from "./fixtures.js";
import { createRecorder, summarise } from "./stats.js";

interface Options {
  port: number;
  kind: "small" | "vectors" | "batch";
  concurrency: number;
  seconds: number;
  warmup: number;
}

const opts = JSON.parse(process.argv[2]) as Options;
const client = new grpc.Client(`127.0.0.1:${opts.port}`, grpc.credentials.createInsecure(), {
  "grpc.max_receive_message_length": 104_858_000,
  "grpc.max_send_message_length": 104_858_000,
});

type Call = () => Promise<void>;

function unary<I, O>(
  path: string,
  encode: (m: I) => Uint8Array,
  decode: (b: Uint8Array) => O,
  build: () => I,
): Call {
  const serialize = (m: I) => {
    const bytes = encode(m);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  };
  return () =>
    new Promise<void>((resolve, reject) => {
      client.makeUnaryRequest(
        path,
        serialize,
        decode,
        build(),
        new grpc.Metadata(),
        { deadline: Date.now() + 30_000 },
        (error) => (error ? reject(error) : resolve()),
      );
    });
}

function searchCall(collection: string, body: string): Call {
  const request = toSearchRequest(collection, SearchBody.parse(JSON.parse(body)));
  return unary(
    "/weaviate.v1.Weaviate/Search",
    (m: SearchRequest) => SearchRequest.encode(m).finish(),
    (b) => SearchReply.decode(b),
    () => request,
  );
}

function batchCall(): Call {
  const objects = batchObjectsJson();
  return unary(
    "/weaviate.v1.Weaviate/BatchObjects",
    (m: BatchObjectsRequest) => BatchObjectsRequest.encode(m).finish(),
    (b) => BatchObjectsReply.decode(b),
    // As an application would: fresh ids, vectors packed as float32.
    () => ({
      objects: objects.map((o) => ({
        uuid: randomUUID(),
        collection: BATCH,
        properties: { nonRefProperties: o.properties },
        vectorBytes: new Uint8Array(Float32Array.from(o.vector).buffer),
      })),
    }),
  );
}

const call =
  opts.kind === "batch"
    ? batchCall()
    : opts.kind === "vectors"
      ? searchCall(VECTORS, VECTOR_SEARCH_BODY)
      : searchCall(SMALL, SMALL_SEARCH_BODY);

async function drive(seconds: number, record: boolean) {
  const latencies = createRecorder();
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const loop = async () => {
    while (performance.now() < end) {
      const t0 = performance.now();
      try {
        await call();
        if (record) latencies.add(performance.now() - t0);
      } catch {
        errors++;
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: opts.concurrency }, loop));
  return summarise(latencies.values(), errors, (performance.now() - started) / 1000);
}

await drive(opts.warmup, false);
const result = await drive(opts.seconds, true);
const perCall = opts.kind === "batch" ? BATCH_OBJECTS : 1;
console.log(JSON.stringify({ ...result, objectsPerSecond: result.rps * perCall }));
client.close();
process.exit(0);
