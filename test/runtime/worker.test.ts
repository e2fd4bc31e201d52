import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { build } from "../../scripts/build.mjs";
import { Code } from "../../src/grpc/status.js";
import { StatusError } from "../support/recording-upstream.js";
import { type GrpcWebUpstream, startGrpcWebUpstream } from "./support/grpc-web-upstream.js";
import { freePort, type Spawned, spawnServer } from "./support/spawn-server.js";

/**
 * The Worker in local workerd (`wrangler dev`, offline) with the repository's wrangler.toml, calling a
 * gRPC-Web endpoint on 127.0.0.1 over the Worker's own fetch.
 */
const root = new URL("../..", import.meta.url).pathname;
let dir: string;
let upstream: GrpcWebUpstream;
let wrangler: Spawned;
let base: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "gw-worker-"));
  upstream = await startGrpcWebUpstream();
  const toml = readFileSync(join(root, "wrangler.toml"), "utf8").replace(
    /^main = .*$/m,
    `main = ${JSON.stringify(join(root, "src/runtime/worker.ts"))}`,
  );
  writeFileSync(join(dir, "wrangler.toml"), toml);
  // .dev.vars is how wrangler dev receives secrets and overrides [vars].
  writeFileSync(
    join(dir, ".dev.vars"),
    `WEAVIATE_GRPC_WEB_URL=${upstream.url}\nWEAVIATE_API_KEY=worker-key\n`,
  );
  const port = await freePort();
  wrangler = spawnServer(
    process.execPath,
    [
      join(root, "node_modules/wrangler/bin/wrangler.js"),
      "dev",
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--inspector-port",
      String(await freePort()),
      "--persist-to",
      join(dir, "state"),
      "--log-level",
      "info",
    ],
    { HOME: dir, XDG_CONFIG_HOME: join(dir, "config"), WRANGLER_SEND_METRICS: "false", CI: "1" },
    dir,
  );
  await wrangler.waitFor(/Ready on/, 25_000);
  base = `http://127.0.0.1:${port}`;
}, 30_000);

afterAll(async () => {
  await wrangler?.stop();
  await upstream?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => upstream.reset());

const search = () =>
  fetch(`${base}/v1/collections/Article/search?tenant=t1`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ limit: 2 }),
  });

describe("the Worker in local workerd", () => {
  it("answers /readyz through gRPC-Web with the secret API key", async () => {
    const res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(200);
    expect(upstream.calls[0]).toMatchObject({
      method: "Check",
      protocol: "grpc-web",
      headers: { authorization: "Bearer worker-key", "x-grpc-web": "1" },
    });
  });

  it("proxies a search and decodes the reply", async () => {
    upstream.on("Search", () => ({
      results: [{ metadata: { id: "b7ab6a0e-9b8f-4d5a-8d57-3e5c2c6f0a11" } }],
    }));
    const res = await search();
    expect(res.status).toBe(200);
    expect((await res.json()).objects[0].id).toBe("b7ab6a0e-9b8f-4d5a-8d57-3e5c2c6f0a11");
    expect(upstream.calls[0].request).toMatchObject({ collection: "Article", tenant: "t1", limit: 2 });
  });

  it("maps upstream statuses from the trailer frame to problems", async () => {
    upstream.errorsIn = "trailer";
    upstream.on("Search", () => {
      throw new StatusError(Code.PERMISSION_DENIED, "rbac: forbidden");
    });
    const res = await search();
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ grpcCode: "PERMISSION_DENIED", detail: "rbac: forbidden" });
  });
});

describe("the Worker bundle", () => {
  it("builds for the browser platform, so nothing in it imports node:*", async () => {
    const out = mkdtempSync(join(tmpdir(), "gw-worker-build-"));
    try {
      await build("worker", { outdir: out });
      const code = readFileSync(join(out, "index.js"), "utf8");
      expect(code).not.toMatch(/["']node:|@grpc\/grpc-js|hono\/aws-lambda|@hono\/node-server/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
