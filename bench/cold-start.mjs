// Node cold start, process start → first 200, shared by `npm run measure` (scripts/measure.mjs) and
// `npm run bench` (scenario 5): a fresh process per run, polled until it answers.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { build as esbuild } from "esbuild";

const root = new URL("..", import.meta.url).pathname;

/**
 * A production gateway refuses to start without gateway API keys (GATEWAY_AUTH): the benchmark runs it with
 * one key for every collection and sends it with each request, so authentication is part of what is measured.
 */
export const BENCH_KEY = "bench-key-0123456789abcdef";
export const AUTH_ENV = {
  GATEWAY_API_KEYS: JSON.stringify([
    { name: "bench", key: BENCH_KEY, collections: ["*"], actions: ["read", "write", "delete"] },
  ]),
};
export const AUTH_HEADERS = { authorization: `Bearer ${BENCH_KEY}` };

/**
 * Bundles a small Hono app given as source text the way the gateway's production build is bundled
 * (minified ESM for Node 22), so a baseline pays the same bundling as the gateway. Returns the file path.
 */
export async function bundleSnippet(contents, outfile) {
  await esbuild({
    stdin: { contents, resolveDir: root },
    outfile,
    bundle: true,
    minify: true,
    platform: "node",
    format: "esm",
    target: "node22",
    logLevel: "warning",
  });
  return outfile;
}

/** The baseline: the same server adapter and bundling, one route, no gRPC. Returns { cwd, args, path }. */
export async function buildHello(dir) {
  await bundleSnippet(
    `import { Hono } from "hono"; import { serve } from "@hono/node-server";
        serve({ fetch: new Hono().get("/", (c) => c.text("ok")).fetch, port: Number(process.env.PORT), hostname: "127.0.0.1" });
        process.on("SIGTERM", () => process.exit(0));`,
    join(dir, "hello.mjs"),
  );
  return { cwd: dir, args: ["hello.mjs"], path: "/", post: false };
}

/** Milliseconds from spawning `node ...args` to its first 200 on `path`; `env` adds variables. */
export async function coldStart(spec, grpcPort) {
  const { ms, child } = await startUntilAnswered(spec, grpcPort);
  child.kill("SIGKILL");
  return ms;
}

/**
 * Fills a V8 compile cache for `spec` the way a container image would before shipping: one start that
 * answers its first request, then SIGTERM so Node writes the cache on exit.
 */
export async function warmCompileCache(spec, grpcPort, cacheDir) {
  const { child } = await startUntilAnswered(
    { ...spec, env: { ...spec.env, NODE_COMPILE_CACHE: cacheDir } },
    grpcPort,
  );
  await new Promise((resolve) => {
    child.once("exit", resolve);
    child.kill("SIGTERM");
  });
}

async function startUntilAnswered({ cwd, args, path, post, env }, grpcPort) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd,
    stdio: "ignore",
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "silent",
      GATEWAY_ENV: "production",
      WEAVIATE_GRPC_URL: `grpc://127.0.0.1:${grpcPort}`,
      ...AUTH_ENV,
      ...env,
    },
  });
  try {
    for (;;) {
      try {
        const res = await fetch(
          `http://127.0.0.1:${port}${path}`,
          post
            ? { method: "POST", headers: { "content-type": "application/json", ...AUTH_HEADERS }, body: "{}" }
            : undefined,
        );
        if (res.status === 200) return { ms: performance.now() - started, child };
        throw new Error(`HTTP ${res.status}: ${await res.text()}`);
      } catch (error) {
        if (error.cause?.code !== "ECONNREFUSED") throw error;
        await new Promise((r) => setTimeout(r, 2));
      }
    }
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
}

export function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}
