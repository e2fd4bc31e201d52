/**
 * The in-process floor of a batch insert, in its own process: the least work any JSON → gRPC gateway must do
 * per request body. Decode the bytes as UTF-8, JSON.parse, give each object an id and pack its vector as
 * float32, encode the BatchObjectsRequest with the generated codec. No HTTP, no validation, no network.
 * `node floor.mjs '{"seconds", "warmup"}'`; prints one JSON line.
 */
import { randomUUID } from "node:crypto";
import { type BatchObject, BatchObjectsRequest } from "../src/gen/v1/batch.js";
import { BATCH, BATCH_OBJECTS, batchBody } from "./fixtures.js";

const opts = JSON.parse(process.argv[2]) as { seconds: number; warmup: number };
const bytes = new TextEncoder().encode(batchBody());
const decoder = new TextDecoder();
let sink = 0;

function once(): void {
  const body = JSON.parse(decoder.decode(bytes)) as {
    objects: { properties: Record<string, unknown>; vector: number[] }[];
  };
  const objects: BatchObject[] = body.objects.map((o) => ({
    uuid: randomUUID(),
    collection: BATCH,
    properties: { nonRefProperties: o.properties },
    vectorBytes: new Uint8Array(Float32Array.from(o.vector).buffer),
  }));
  sink += BatchObjectsRequest.encode({ objects }).finish().byteLength;
}

function run(seconds: number): { iterations: number; seconds: number } {
  const started = performance.now();
  const end = started + seconds * 1000;
  let iterations = 0;
  while (performance.now() < end) {
    once();
    iterations++;
  }
  return { iterations, seconds: (performance.now() - started) / 1000 };
}

run(opts.warmup);
const { iterations, seconds } = run(opts.seconds);
console.log(
  JSON.stringify({
    iterations,
    seconds,
    msPerBody: (seconds * 1000) / iterations,
    objectsPerSecond: (iterations * BATCH_OBJECTS) / seconds,
    bodyBytes: bytes.byteLength,
    sink,
  }),
);
