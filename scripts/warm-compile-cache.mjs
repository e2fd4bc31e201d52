// Fills a V8 compile cache for the Node bundle, so a container start skips compiling it (Node >= 22.1
// reads NODE_COMPILE_CACHE). Starts `node <bundle>` with the cache directory set and an upstream nobody
// listens on, sends the requests a first client would (health, a search, a batch write: they fail 503, but
// routing, validation and translation run and get compiled), then stops it with SIGTERM so Node writes
// the cache on exit. Run it with the same Node binary that will serve, e.g. in the image's last stage.
//   node scripts/warm-compile-cache.mjs <bundle> <cache-dir>
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { createServer } from "node:net";
import { resolve } from "node:path";

const [bundle, cacheDir] = process.argv.slice(2).map((p) => p && resolve(p));
if (!bundle || !cacheDir) {
  console.error("usage: node scripts/warm-compile-cache.mjs <bundle> <cache-dir>");
  process.exit(2);
}

const freePort = () =>
  new Promise((done) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => done(port));
    });
  });

const port = await freePort();
const deadPort = await freePort();
const key = "compile-cache-warm-up-key";
const child = spawn(process.execPath, [bundle], {
  stdio: ["ignore", "ignore", "inherit"],
  env: {
    PATH: process.env.PATH,
    NODE_COMPILE_CACHE: cacheDir,
    HOST: "127.0.0.1",
    PORT: String(port),
    LOG_LEVEL: "silent",
    GATEWAY_ENV: "production",
    WEAVIATE_GRPC_URL: `grpc://127.0.0.1:${deadPort}`,
    GATEWAY_API_KEYS: JSON.stringify([
      { name: "warm-up", key, collections: ["*"], actions: ["read", "write"] },
    ]),
  },
});
const exited = new Promise((done) => child.once("exit", (code) => done(code)));

const base = `http://127.0.0.1:${port}`;
const headers = { "content-type": "application/json", authorization: `Bearer ${key}` };
const deadline = Date.now() + 15_000;
for (;;) {
  try {
    await (await fetch(`${base}/healthz`)).arrayBuffer();
    break;
  } catch {
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error("the bundle did not start listening within 15 s");
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}
const requests = [
  ["/v1/collections/Article/search", { limit: 3, filters: { property: "a", operator: "Equal", value: 1 } }],
  ["/v1/collections/Article/search", { nearVector: { vector: [0.1, 0.2] }, returnMetadata: ["distance"] }],
  ["/v1/collections/Article/objects/batch", { objects: [{ properties: { a: 1 }, vector: [0.1, 0.2] }] }],
];
for (const [path, body] of requests) {
  const res = await fetch(base + path, { method: "POST", headers, body: JSON.stringify(body) });
  await res.arrayBuffer();
}
child.kill("SIGTERM");
const code = await exited;
const files = readdirSync(cacheDir, { recursive: true });
console.log(`compile cache in ${cacheDir}: ${files.length} entries (the bundle exited with ${code})`);
if (code !== 0) process.exit(1);
