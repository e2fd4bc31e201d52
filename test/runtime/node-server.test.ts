import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../scripts/build.mjs";
import { SearchReply } from "../../src/gen/v1/search_get.js";
import { grpcReply, lengthPrefixed, startTestUpstream } from "../support/h2-test-upstream.js";
import {
  delay,
  type RecordedCall,
  type RecordingUpstream,
  startRecordingUpstream,
} from "../support/recording-upstream.js";
import { startGrpcWebUpstream } from "./support/grpc-web-upstream.js";
import { freePort, spawnServer } from "./support/spawn-server.js";

/**
 * The container image runs `node dist/node/server.mjs` with no node_modules beside it. This runs exactly
 * that: the production bundle, copied into an empty temporary folder, against a real gRPC upstream.
 */
let dir: string;
let upstream: RecordingUpstream;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "gw-node-"));
  await build("node", { outdir: dir });
  upstream = await startRecordingUpstream();
});
afterAll(async () => {
  await upstream.close();
  rmSync(dir, { recursive: true, force: true });
});

async function start(extraEnv: Record<string, string> = {}, args = ["server.mjs"]) {
  const port = await freePort();
  const server = spawnServer(
    process.execPath,
    args,
    {
      WEAVIATE_GRPC_URL: upstream.url,
      GATEWAY_ENV: "production",
      // Production refuses to start open; Weaviate (here the recording upstream) would check credentials.
      GATEWAY_AUTH: "passthrough",
      HOST: "127.0.0.1",
      PORT: String(port),
      ...extraEnv,
    },
    dir,
  );
  await server.waitFor(/listening on/);
  return { server, base: `http://127.0.0.1:${port}` };
}

const search = (base: string) =>
  fetch(`${base}/v1/collections/Article/search`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
  });

describe("the production Node bundle", () => {
  it("serves /healthz, /readyz and a proxied search", async () => {
    const { server, base } = await start();
    try {
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      expect((await search(base)).status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it("forwards module and trace headers upstream from Node's own parse of them, and nothing else", async () => {
    const { server, base } = await start();
    try {
      const res = await fetch(`${base}/v1/collections/Article/search`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "X-OpenAI-Api-Key": "sk-1",
          traceparent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
          authorization: "Bearer caller",
          cookie: "session=secret",
          "x-forwarded-for": "1.2.3.4",
        },
        body: "{}",
      });
      expect(res.status).toBe(200);
      const { metadata } = upstream.callsTo("Search").at(-1) as RecordedCall;
      expect(metadata).toMatchObject({
        "x-openai-api-key": "sk-1",
        traceparent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        authorization: "Bearer caller",
      });
      expect(metadata["x-request-id"]).toBe(res.headers.get("x-request-id"));
      expect(Object.keys(metadata)).not.toContain("cookie");
      expect(Object.keys(metadata)).not.toContain("x-forwarded-for");
    } finally {
      await server.stop();
    }
  });

  it("opens the upstream HTTP/2 session at start-up, and the first search uses it", async () => {
    const h2 = await startTestUpstream((stream) =>
      grpcReply(stream, [lengthPrefixed(SearchReply.encode({ took: 1 }).finish())]),
    );
    const { server, base } = await start({ WEAVIATE_GRPC_URL: h2.url });
    try {
      for (let i = 0; i < 100 && h2.sessions() === 0; i++) await delay(5);
      expect([h2.sessions(), h2.requests.length]).toEqual([1, 0]);
      expect((await search(base)).status).toBe(200);
      expect([h2.sessions(), h2.requests.length]).toEqual([1, 1]);
    } finally {
      await server.stop();
      await h2.close();
    }
  });

  it("logs a client that breaks off its upload as a 400 for its body, not as an unhandled error", async () => {
    const { server, base } = await start();
    const { port } = new URL(base);
    try {
      // Large enough for Node's own body reader (runtime/node-body.ts), and one small for the adapter's.
      for (const [declared, sent] of [
        [300_000, 200_000],
        [2_000, 1_000],
      ]) {
        const socket = connect(Number(port), "127.0.0.1");
        await new Promise((resolve) => socket.once("connect", resolve));
        socket.write(
          `POST /v1/collections/Article/objects/batch HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${declared}\r\n\r\n`,
        );
        socket.write("x".repeat(sent));
        await delay(100);
        socket.destroy();
      }
      await delay(200);
      const lines = server
        .output()
        .split("\n")
        .filter((l) => l.includes('"route":"/v1/collections/:collection/objects/batch"'));
      expect(lines.map((l) => JSON.parse(l).status)).toEqual([400, 400]);
      expect(server.output()).not.toContain("unhandled error");
      expect(upstream.callsTo("BatchObjects")).toHaveLength(0);
    } finally {
      await server.stop();
    }
  });

  it("rate-limits a keyless client by its socket address, whatever address headers it sends", async () => {
    const { server, base } = await start({ RATE_LIMIT_RPS: "0.01", RATE_LIMIT_BURST: "1" });
    const from = (ip: string) =>
      fetch(`${base}/v1/collections/Article/search`, {
        method: "POST",
        headers: { "content-type": "application/json", "cf-connecting-ip": ip, "x-forwarded-for": ip },
        body: "{}",
      });
    try {
      expect((await from("203.0.113.1")).status).toBe(200);
      expect((await from("203.0.113.2")).status).toBe(429);
    } finally {
      await server.stop();
    }
  });

  it("limits wrong gateway keys by socket address, whatever address headers the guesser sends", async () => {
    const keys = JSON.stringify([
      { name: "app", key: "app-key-0123456789abcdef", collections: ["*"], actions: ["read"] },
    ]);
    const { server, base } = await start({ GATEWAY_API_KEYS: keys, AUTH_FAILURE_LIMIT: "2" });
    const guess = (n: number) =>
      fetch(`${base}/v1/collections/Article/search`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-api-key": `guess-${n}-0123456789abcdef`,
          "cf-connecting-ip": `203.0.113.${n}`,
          "x-forwarded-for": `203.0.113.${n}`,
        },
        body: "{}",
      });
    try {
      expect([(await guess(1)).status, (await guess(2)).status, (await guess(3)).status]).toEqual([
        401, 401, 429,
      ]);
    } finally {
      await server.stop();
    }
  });

  it("speaks gRPC-Web instead when only WEAVIATE_GRPC_WEB_URL is set", async () => {
    const web = await startGrpcWebUpstream();
    const { server, base } = await start({ WEAVIATE_GRPC_URL: "", WEAVIATE_GRPC_WEB_URL: web.url });
    try {
      expect((await search(base)).status).toBe(200);
      expect(web.calls[0]).toMatchObject({ method: "Search", protocol: "grpc-web" });
    } finally {
      await server.stop();
      await web.close();
    }
  });

  it("starts from the startup snapshot the image builds, and drains on SIGTERM", async () => {
    // The Dockerfile's two commands, run here: build the blob with this node, then start from it.
    const build = spawnServer(
      process.execPath,
      ["--snapshot-blob", "snapshot.blob", "--build-snapshot", "snapshot-entry.cjs"],
      {},
      dir,
    );
    expect(await build.exited).toBe(0);
    expect(build.output()).not.toMatch(/Warning|Error/);
    const { server, base } = await start({ BATCH_PARSE_THREADS: "1" }, ["--snapshot-blob", "snapshot.blob"]);
    try {
      // The snapshot knows where batch-worker.mjs is: the folder it was built in.
      expect(server.output()).toContain('"batchParseThreads":1');
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      const res = await search(base);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ objects: [] });
      expect(upstream.calls.at(-1)).toMatchObject({ method: "Search", request: { collection: "Article" } });
      // A batch large enough for the parser thread, which the snapshot's start creates at run time.
      const objects = Array.from({ length: 30 }, (_, i) => ({
        properties: { n: i },
        vector: Array.from({ length: 1536 }, (_, j) => (i + j) / 3),
      }));
      const batch = await fetch(`${base}/v1/collections/Article/objects/batch`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ objects }),
      });
      expect([batch.status, ((await batch.json()) as { succeeded: number }).succeeded]).toEqual([200, 30]);
      server.child.kill("SIGTERM");
      expect(await server.exited).toBe(0);
      expect(server.output()).toMatch(/draining/);
    } finally {
      await server.stop();
    }
  });

  it("refuses to start in production without an upstream", async () => {
    const port = await freePort();
    const server = spawnServer(
      process.execPath,
      ["server.mjs"],
      { GATEWAY_ENV: "production", GATEWAY_AUTH: "passthrough", PORT: String(port) },
      dir,
    );
    expect(await server.exited).toBe(2);
    expect(server.output()).toContain("WEAVIATE_GRPC_URL");
  });

  it("on SIGTERM finishes the in-flight request, refuses new connections and exits 0", async () => {
    upstream.on("Search", () => delay(600));
    const { server, base } = await start();
    try {
      const inFlight = search(base);
      await delay(150);
      server.child.kill("SIGTERM");
      await server.waitFor(/draining/);
      const [res, code] = await Promise.all([inFlight, server.exited]);
      expect(res.status).toBe(200);
      expect(code).toBe(0);
      await expect(fetch(`${base}/healthz`)).rejects.toThrow();
      // The drained request's access-log line is written before the process exits.
      const logged = server
        .output()
        .split("\n")
        .filter((l) => l.includes('"msg":"request"') && l.includes("/search"));
      expect(logged).toHaveLength(1);
      expect(JSON.parse(logged[0])).toMatchObject({ status: 200, grpcCode: "OK" });
    } finally {
      upstream.reset();
      await server.stop();
    }
  });

  it("cuts requests still running after SHUTDOWN_TIMEOUT_MS", async () => {
    upstream.on("Search", () => delay(5000));
    const { server, base } = await start({ SHUTDOWN_TIMEOUT_MS: "200", GRPC_TIMEOUT_MS: "10000" });
    try {
      const inFlight = search(base).catch((e: Error) => e);
      await delay(150);
      const started = performance.now();
      server.child.kill("SIGTERM");
      expect(await server.exited).toBe(0);
      expect(performance.now() - started).toBeLessThan(2000);
      expect(await inFlight).toBeInstanceOf(Error);
      expect(server.output()).toContain("cut 1 request");
    } finally {
      upstream.reset();
      await server.stop();
    }
  });
});
