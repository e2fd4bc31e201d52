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
        serve({ fetch: new Hono().get("/", (c) => c.text("ok")).fetch, port: Number(process.env.PORT), hostname: "127.0.0.1" });`,
    join(dir, "hello.mjs"),
  );
  return { cwd: dir, args: ["hello.mjs"], path: "/", post: false };
}

/** A cold start's whole environment: production, silent, with the bench's key, against this upstream. */
export function gatewayEnv(grpcPort) {
  return {
    PATH: process.env.PATH,
    LOG_LEVEL: "silent",
    GATEWAY_ENV: "production",
    WEAVIATE_GRPC_URL: `grpc://127.0.0.1:${grpcPort}`,
    ...AUTH_ENV,
  };
}

/** Milliseconds from spawning `node ...args` in `cwd` to its first 200 on `path`. */
export async function coldStart({ cwd, args, path, post }, grpcPort) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd,
    stdio: "ignore",
    env: { ...gatewayEnv(grpcPort), PORT: String(port), HOST: "127.0.0.1" },
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
        if (res.status === 200) return performance.now() - started;
        throw new Error(`HTTP ${res.status}: ${await res.text()}`);
      } catch (error) {
        if (error.cause?.code !== "ECONNREFUSED") throw error;
        await new Promise((r) => setTimeout(r, 2));
      }
    }
  } finally {
    child.kill("SIGKILL");
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
