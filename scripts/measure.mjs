// Bundle sizes per target (minified, gzip) and Node cold start: process start → first proxied 200, as the
// median of several runs, next to a bare Hono hello-world bundled the same way and measured in the same run.
// `npm run measure` (runs under Node 22 from node_modules). Usage: node scripts/measure.mjs [runs=9]
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import * as grpc from "@grpc/grpc-js";
import { buildHello, coldStart } from "../bench/cold-start.mjs";
import { build } from "./build.mjs";

const root = new URL("..", import.meta.url).pathname;
const runs = Number(process.argv[2] ?? 9);
const dir = mkdtempSync(join(tmpdir(), "gw-measure-"));
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

try {
  console.log(`Node ${process.version}, ${runs} runs\n\nbundle sizes (minified / gzip -9):`);
  const files = {
    node: "server.mjs",
    lambda: "index.mjs",
    "lambda-image": "runtime.mjs",
    worker: "index.js",
  };
  for (const [target, file] of Object.entries(files)) {
    await build(target, { outdir: join(dir, target) });
    const bytes = readFileSync(join(dir, target, file));
    console.log(
      `  ${target.padEnd(12)} ${kib(bytes.length).padStart(11)} / ${kib(gzipSync(bytes, { level: 9 }).length)}`,
    );
  }

  // The baseline: the same server adapter and bundling, one route, no gRPC.
  const hello = await buildHello(join(dir, "hello"));

  // An upstream that answers every Search with an empty SearchReply (zero bytes).
  const upstream = new grpc.Server();
  const id = (b) => b;
  upstream.register(
    "/weaviate.v1.Weaviate/Search",
    (_call, cb) => cb(null, Buffer.alloc(0)),
    id,
    id,
    "unary",
  );
  const grpcPort = await new Promise((res, rej) =>
    upstream.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) =>
      e ? rej(e) : res(p),
    ),
  );

  const gateway = {
    cwd: join(dir, "node"),
    args: ["server.mjs"],
    path: "/v1/collections/Article/search",
    post: true,
  };
  const times = { gateway: [], hello: [] };
  for (let i = 0; i < runs; i++) {
    // Interleaved so both see the same machine noise.
    times.gateway.push(await coldStart(gateway, grpcPort));
    times.hello.push(await coldStart(hello, grpcPort));
  }
  const lambda = [];
  for (let i = 0; i < runs; i++)
    lambda.push(await lambdaColdStart(join(dir, "lambda", "index.mjs"), grpcPort));
  upstream.forceShutdown();
  const g = median(times.gateway);
  const h = median(times.hello);
  console.log(`\ncold start, process start → first 200 (median of ${runs}):`);
  console.log(
    `  gateway (first proxied search over gRPC) ${g.toFixed(0)} ms   [${times.gateway.map((t) => t.toFixed(0)).join(", ")}]`,
  );
  console.log(
    `  bare Hono hello-world                    ${h.toFixed(0)} ms   [${times.hello.map((t) => t.toFixed(0)).join(", ")}]`,
  );
  console.log(`  difference                               ${(g - h).toFixed(0)} ms`);
  const pick = (k) => median(lambda.map((r) => r[k])).toFixed(0);
  console.log(`\nLambda bundle, API Gateway v2 event, in a fresh Node process (median of ${runs}):`);
  console.log(
    `  module init ${pick("init")} ms (handler built, gRPC connect begun), first invocation ${pick("first")} ms`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** Imports the Lambda bundle in a fresh process and invokes it once, as a cold Lambda environment would. */
function lambdaColdStart(bundle, grpcPort) {
  const event = readFileSync(join(root, "test/runtime/lambda-events/api-gateway-v2.json"), "utf8");
  const script = `
    const t0 = performance.now();
    const { handler } = await import(${JSON.stringify(bundle)});
    const t1 = performance.now();
    const res = await handler(${event}, { getRemainingTimeInMillis: () => 29000 });
    const t2 = performance.now();
    if (res.statusCode !== 200) throw new Error("HTTP " + res.statusCode + " " + res.body);
    console.log(JSON.stringify({ init: t1 - t0, first: t2 - t1 }));
    process.exit(0);`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
      env: {
        PATH: process.env.PATH,
        // As Lambda sets it: the handler is then built, and the upstream connection opened, during INIT.
        AWS_LAMBDA_FUNCTION_NAME: "weaviate-rest-gateway",
        LOG_LEVEL: "silent",
        GATEWAY_ENV: "production",
        // The fixture event carries no gateway key: Weaviate (here the empty upstream) would check it.
        GATEWAY_AUTH: "passthrough",
        WEAVIATE_GRPC_URL: `grpc://127.0.0.1:${grpcPort}`,
      },
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(out))));
  });
}
