import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DevBackend, startDevBackend } from "../../dev/backend/grpc-server.js";
import { build } from "../../scripts/build.mjs";

/**
 * The esbuild Worker bundle (what `npm run build:worker` ships and what the size numbers measure) in
 * local workerd through Miniflare, against the development backend's gRPC-Web endpoint: a write and a
 * read through the real in-memory Weaviate stand-in, over the Worker's fetch.
 */
let dir: string;
let dev: DevBackend;
let mf: Miniflare;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "gw-mf-"));
  await build("worker", { outdir: dir });
  dev = await startDevBackend({ port: 0, webPort: 0, apiKey: "dev-key" });
  mf = new Miniflare({
    modules: true,
    scriptPath: join(dir, "index.js"),
    // The bundle sits in a temporary folder outside the working directory.
    modulesRoot: dir,
    compatibilityDate: "2026-04-20",
    bindings: { WEAVIATE_GRPC_WEB_URL: dev.webUrl ?? "", WEAVIATE_API_KEY: "dev-key", LOG_LEVEL: "silent" },
  });
}, 30_000);

afterAll(async () => {
  await mf?.dispose();
  await dev?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const post = (path: string, body: unknown) =>
  mf.dispatchFetch(`http://gateway.test${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("the Worker bundle in workerd against the development backend", () => {
  it("is ready", async () => {
    expect((await mf.dispatchFetch("http://gateway.test/readyz")).status).toBe(200);
  });

  it("writes an object and finds it again, over gRPC-Web", async () => {
    const write = await post("/v1/collections/Book/objects/batch", {
      objects: [{ properties: { title: "Dune" } }],
    });
    expect(write.status).toBe(200);
    const { results } = (await write.json()) as { results: { id: string; status: string }[] };
    expect(results[0].status).toBe("success");
    const read = await post("/v1/collections/Book/search", { limit: 10 });
    expect(read.status).toBe(200);
    const { objects } = (await read.json()) as { objects: { id: string; properties: unknown }[] };
    expect(objects).toEqual([expect.objectContaining({ id: results[0].id, properties: { title: "Dune" } })]);
  });
});
