/**
 * The benchmark's upstream, run in its own process: `node upstream.mjs fixed|dev`. Prints one JSON line
 * `{"port": n}` once listening, and stops on SIGTERM (or when its parent goes away).
 *
 * - fixed: answers from memory with replies encoded once at start (bench/fixtures.ts): Search by the first
 *   letter of the collection (V: 10 objects with 1536-dimension vectors, else 10 objects with 5 text
 *   properties), BatchObjects with an all-succeeded reply, Health/Check SERVING. Requests are not decoded
 *   (the collection's first letter is read from the bytes), so the numbers measure the gateway.
 * - dev: the development backend (dev/backend), a real in-memory search.
 */
import * as grpc from "@grpc/grpc-js";
import { startDevBackend } from "../dev/backend/grpc-server.js";
import { HealthCheckResponse, HealthCheckResponse_ServingStatus } from "../src/gen/grpc/health/v1/health.js";
import { fixedReplies } from "./fixtures.js";

const MAX = 104_858_000;
const mode = process.argv[2] ?? "fixed";

async function fixed(): Promise<number> {
  const replies = fixedReplies();
  const small = Buffer.from(replies.small);
  const vectors = Buffer.from(replies.vectors);
  const batch = Buffer.from(replies.batch);
  const health = Buffer.from(
    HealthCheckResponse.encode({ status: HealthCheckResponse_ServingStatus.SERVING }).finish(),
  );
  const server = new grpc.Server({
    "grpc.max_receive_message_length": MAX,
    "grpc.max_send_message_length": MAX,
  });
  const id = (b: Buffer) => b;
  const unary = (path: string, answer: (request: Buffer) => Buffer) =>
    server.register(
      path,
      (call: grpc.ServerUnaryCall<Buffer, Buffer>, cb: grpc.sendUnaryData<Buffer>) =>
        cb(null, answer(call.request)),
      id,
      id,
      "unary",
    );
  // SearchRequest field 1 (collection) comes first: tag 0x0a, a one-byte length, then the name.
  unary("/weaviate.v1.Weaviate/Search", (req) => (req[0] === 0x0a && req[2] === 0x56 ? vectors : small));
  unary("/weaviate.v1.Weaviate/BatchObjects", () => batch);
  unary("/grpc.health.v1.Health/Check", () => health);
  return new Promise((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
}

async function dev(): Promise<number> {
  const backend = await startDevBackend({ port: 0 });
  return Number(new URL(backend.grpcUrl.replace("grpc:", "http:")).port);
}

const port = mode === "dev" ? await dev() : await fixed();
console.log(JSON.stringify({ port }));
process.on("SIGTERM", () => process.exit(0));
process.on("disconnect", () => process.exit(0));
