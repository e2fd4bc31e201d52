import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { copyFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../scripts/build.mjs";
import { type RecordingUpstream, startRecordingUpstream } from "../support/recording-upstream.js";
import { freePort, type Spawned, spawnServer } from "./support/spawn-server.js";

/**
 * The Lambda bundle under the Serverless offline emulator (serverless@3 + serverless-offline), with the
 * repository's serverless.yml, called over HTTP like an API Gateway HTTP API. No AWS account, no network.
 */
const root = new URL("../..", import.meta.url).pathname;
let dir: string;
let upstream: RecordingUpstream;
let sls: Spawned;
let base: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "gw-sls-"));
  mkdirSync(join(dir, "dist"));
  await build("lambda", { outdir: join(dir, "dist/lambda") });
  await copyFile(join(root, "serverless.yml"), join(dir, "serverless.yml"));
  // serverless resolves its plugins from the service folder.
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"), "dir");
  upstream = await startRecordingUpstream();
  const [httpPort, lambdaPort] = [await freePort(), await freePort()];
  sls = spawnServer(
    process.execPath,
    [
      join(root, "node_modules/serverless/bin/serverless.js"),
      "offline",
      "start",
      "--host",
      "127.0.0.1",
      "--httpPort",
      String(httpPort),
      "--lambdaPort",
      String(lambdaPort),
    ],
    {
      HOME: dir,
      WEAVIATE_GRPC_URL: upstream.url,
      GATEWAY_AUTH: "passthrough",
      SLS_TELEMETRY_DISABLED: "1",
      SLS_NOTIFICATIONS_MODE: "off",
      SERVERLESS_PLATFORM_STAGE: "",
      AWS_ACCESS_KEY_ID: "offline",
      AWS_SECRET_ACCESS_KEY: "offline",
    },
    dir,
  );
  await sls.waitFor(/Server ready/, 25_000);
  base = `http://127.0.0.1:${httpPort}`;
}, 30_000);

afterAll(async () => {
  await sls?.stop();
  await upstream?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("serverless offline with the Lambda bundle", () => {
  it("answers /healthz and a proxied search through the HTTP API event", async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const res = await fetch(`${base}/v1/collections/Article/search?tenant=t1`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ limit: 2 }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ objects: [] });
    expect(upstream.callsTo("Search")[0].request).toMatchObject({
      collection: "Article",
      tenant: "t1",
      limit: 2,
    });
  });

  it("renders errors as problems", async () => {
    const res = await fetch(`${base}/v1/nothing`);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });
});
