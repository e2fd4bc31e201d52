import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { build } from "../../scripts/build.mjs";
import { type BatchJob, parseBatch } from "../../src/batch/parse-batch.js";
import { ApiError } from "../../src/errors/api-error.js";
import {
  createBatchThreads,
  MAX_THREAD_FAILURES,
  MIN_OFFLOAD_BYTES,
} from "../../src/runtime/batch-threads.js";
import { BatchObjectsRequest, float32s } from "../support/oracle.js";
import { type RecordingUpstream, startRecordingUpstream } from "../support/recording-upstream.js";
import { freePort, spawnServer } from "./support/spawn-server.js";

/**
 * Large batch bodies are parsed on a worker thread of the production Node bundle (src/runtime/
 * batch-threads.ts). The bundle's own batch-worker.mjs runs here, and every answer is compared with a
 * server that parses in place (BATCH_PARSE_THREADS=0).
 */
let dir: string;
let upstream: RecordingUpstream;
const servers: { stop(): Promise<void> }[] = [];
let threaded: { url: string; pid: number };
let inline: { url: string; pid: number };
let scoped: { url: string; pid: number };

/** The process's thread count, where Linux tells it: a worker thread brings its own isolate's threads. */
const threadsOf = (pid: number) =>
  existsSync(`/proc/${pid}/status`)
    ? Number(/^Threads:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1])
    : undefined;

/** A gateway key that may write to Article's tenant t1 only (the scoped server's). */
const TENANT_KEY = "tenant-t1-key-0123456789abcdef";

async function start(threads: string, auth: Record<string, string> = { GATEWAY_AUTH: "passthrough" }) {
  const port = await freePort();
  const server = spawnServer(
    process.execPath,
    ["server.mjs"],
    {
      WEAVIATE_GRPC_URL: upstream.url,
      GATEWAY_ENV: "production",
      ...auth,
      HOST: "127.0.0.1",
      PORT: String(port),
      BATCH_PARSE_THREADS: threads,
    },
    dir,
  );
  servers.push(server);
  await server.waitFor(/listening on/);
  expect(server.output()).toContain(`"batchParseThreads":${threads}`);
  return { url: `http://127.0.0.1:${port}`, pid: server.child.pid ?? 0 };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "gw-threads-"));
  await build("node", { outdir: dir });
  upstream = await startRecordingUpstream();
  const keys = [
    { name: "t1", key: TENANT_KEY, collections: ["Article"], tenants: ["t1"], actions: ["write"] },
  ];
  [threaded, inline, scoped] = await Promise.all([
    start("1"),
    start("0"),
    start("1", { GATEWAY_API_KEYS: JSON.stringify(keys) }),
  ]);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await upstream.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => upstream.reset());

/** Float32-exact values, so what Weaviate receives can be compared exactly. */
const vector = (seed: number) => Array.from({ length: 1536 }, (_, i) => Math.fround(Math.sin(seed * 31 + i)));
const uuid = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
const objects = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: uuid(i),
    properties: { title: `t${i}`, n: i },
    vector: vector(i),
  }));

const post = (base: string, body: string | Uint8Array<ArrayBuffer>, query = "", key?: string) =>
  fetch(`${base}/v1/collections/Article/objects/batch${query}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key && { authorization: `Bearer ${key}` }) },
    body,
  });

/** Status and JSON body, without what differs between any two answers (timings, request ids). */
async function answer(res: Response): Promise<unknown> {
  const { tookMs: _t, requestId: _r, instance: _i, ...rest } = (await res.json()) as Record<string, unknown>;
  return { status: res.status, ...rest };
}

function received() {
  return upstream
    .callsTo("BatchObjects")
    .flatMap((c) => BatchObjectsRequest.decode(c.bytes).objects)
    .map((o) => ({ uuid: o.uuid, tenant: o.tenant, vector: float32s(o.vectorBytes) }));
}

/** Everything Weaviate received, as the independent codec reads it, and with what consistency. */
function receivedWhole() {
  return upstream.callsTo("BatchObjects").map((c) => BatchObjectsRequest.decode(c.bytes));
}

describe("batch bodies parsed on a thread of the Node server", () => {
  it("reach Weaviate object for object, vector for vector, with the answer of parsing in place", async () => {
    const body = JSON.stringify({ objects: objects(40) });
    expect(body.length).toBeGreaterThan(MIN_OFFLOAD_BYTES);
    // A small batch first (parsed in place by both), so threads either process starts lazily exist.
    const small = JSON.stringify({ objects: objects(2) });
    expect([(await post(threaded.url, small)).status, (await post(inline.url, small)).status]).toEqual([
      200, 200,
    ]);
    upstream.reset();
    const before = [threadsOf(threaded.pid), threadsOf(inline.pid)];
    const fromThread = await answer(await post(threaded.url, body, "?tenant=t1"));
    const sentByThread = received();
    upstream.reset();
    const inPlace = await answer(await post(inline.url, body, "?tenant=t1"));
    expect(fromThread).toMatchObject({ status: 200, succeeded: 40, failed: 0 });
    // The threaded server started its parser thread for this body; the other one did not (Linux).
    if (before[0] !== undefined) {
      expect(threadsOf(threaded.pid)).toBeGreaterThan(before[0]);
      expect(threadsOf(inline.pid)).toBe(before[1]);
    }
    expect(fromThread).toEqual(inPlace);
    expect(sentByThread).toEqual(received());
    expect(sentByThread).toEqual(objects(40).map((o) => ({ uuid: o.id, tenant: "t1", vector: o.vector })));
  });

  it("keep deterministic ids, named and multi-vectors and the query's consistency level as in place", async () => {
    const body = JSON.stringify({
      ids: "deterministic",
      objects: objects(30).map(({ id: _id, ...o }, i) => ({
        ...o,
        vectors: { title_vec: o.vector.slice(0, 8), colbert: [o.vector.slice(0, 4), o.vector.slice(4, 8)] },
        properties: { ...o.properties, key: `k${i}` },
      })),
    });
    expect(body.length).toBeGreaterThan(MIN_OFFLOAD_BYTES);
    const fromThread = await answer(await post(threaded.url, body, "?consistencyLevel=QUORUM"));
    const sentByThread = receivedWhole();
    upstream.reset();
    const inPlace = await answer(await post(inline.url, body, "?consistencyLevel=QUORUM"));
    expect(fromThread).toMatchObject({ status: 200, succeeded: 30 });
    expect(fromThread).toEqual(inPlace);
    expect(sentByThread).toEqual(receivedWhole());
    expect(sentByThread[0].consistencyLevel).toBeGreaterThan(0);
    const seventh = sentByThread.flatMap((r) => r.objects)[7];
    expect([seventh.vectors.map((v) => v.name), float32s(seventh.vectorBytes)]).toEqual([
      ["title_vec", "colbert"],
      vector(7),
    ]);
  });

  it("answer the same problems as parsing in place", async () => {
    const big = objects(30);
    const badVector = structuredClone(big) as { vector: unknown[] }[];
    badVector[17].vector[5] = "x";
    const badProperty = structuredClone(big) as { properties: Record<string, unknown> }[];
    badProperty[3].properties.mixed = [1, "a"];
    const valid = new TextEncoder().encode(JSON.stringify({ objects: big }));
    const badUtf8 = valid.slice();
    badUtf8[badUtf8.length - 3] = 0xff;
    const bodies: (string | Uint8Array<ArrayBuffer>)[] = [
      JSON.stringify({ objects: big }).slice(0, -10),
      badUtf8,
      JSON.stringify({ objects: badVector }),
      JSON.stringify({ objects: badProperty }),
      JSON.stringify({ objects: big, ids: "sometimes" }),
    ];
    for (const body of bodies) {
      expect(body.length).toBeGreaterThan(MIN_OFFLOAD_BYTES);
      const fromThread = await answer(await post(threaded.url, body));
      expect(fromThread).toMatchObject({ status: 400 });
      expect(fromThread).toEqual(await answer(await post(inline.url, body)));
    }
    expect(upstream.callsTo("BatchObjects")).toHaveLength(0);
  });

  it("keep the key's scope: a tenant the key may not write is refused whole, its own tenant written", async () => {
    const body = JSON.stringify({ objects: objects(30) });
    expect(body.length).toBeGreaterThan(MIN_OFFLOAD_BYTES);
    const refused = await post(scoped.url, body, "?tenant=t2", TENANT_KEY);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ status: 403 });
    expect(upstream.callsTo("BatchObjects")).toHaveLength(0);
    const written = await answer(await post(scoped.url, body, "?tenant=t1", TENANT_KEY));
    expect(written).toMatchObject({ status: 200, succeeded: 30, failed: 0 });
    expect(new Set(received().map((o) => o.tenant))).toEqual(new Set(["t1"]));
    expect(received()).toHaveLength(30);
  });
});

describe("createBatchThreads", () => {
  const job = (n: number): BatchJob => ({
    collection: "Article",
    bytes: new TextEncoder().encode(JSON.stringify({ objects: objects(n) })),
    query: {},
  });

  it("moves a large body to the thread (no copy) and gives back what parsing in place gives", async () => {
    const threads = createBatchThreads({
      threads: 1,
      workerUrl: pathToFileURL(join(dir, "batch-worker.mjs")),
    });
    try {
      const large = job(40);
      const want = await parseBatch(job(40));
      expect(await threads.parse(large)).toEqual(want);
      expect(large.bytes.byteLength).toBe(0);
      // A small body stays here: handing it over would cost more than parsing it.
      const small = job(2);
      expect(await threads.parse(small)).toEqual(await parseBatch(job(2)));
      expect(small.bytes.byteLength).toBeGreaterThan(0);
      // A refusal crosses back as the same ApiError.
      const bad = { ...job(40), bytes: job(40).bytes.slice(0, -5) };
      const refusal = await threads.parse(bad).catch((e: unknown) => e);
      const inPlace = await parseBatch({ ...job(40), bytes: job(40).bytes.slice(0, -5) }).catch(
        (e: unknown) => e,
      );
      expect(refusal).toBeInstanceOf(ApiError);
      expect({ ...(refusal as ApiError) }).toEqual({ ...(inPlace as ApiError) });
    } finally {
      await threads.close();
    }
  });

  it("parses in place after threads that cannot start failed MAX_THREAD_FAILURES times in a row", async () => {
    const broken = join(dir, "broken-worker.mjs");
    writeFileSync(broken, 'throw new Error("cannot load");\n');
    const errors: string[] = [];
    const threads = createBatchThreads({
      threads: 1,
      workerUrl: pathToFileURL(broken),
      onError: (m) => errors.push(m),
    });
    try {
      for (let i = 0; i < MAX_THREAD_FAILURES; i++) {
        expect(await threads.parse(job(40)).catch((e: unknown) => e)).toBeInstanceOf(Error);
      }
      expect(errors.at(-1)).toMatch(/parsing in place from now on/);
      const large = job(40);
      expect((await threads.parse(large)).prepared).toHaveLength(40);
      expect(large.bytes.byteLength).toBeGreaterThan(0);
    } finally {
      await threads.close();
    }
  });

  it("parses in place once closed", async () => {
    const threads = createBatchThreads({
      threads: 1,
      workerUrl: pathToFileURL(join(dir, "batch-worker.mjs")),
    });
    await threads.close();
    const large = job(40);
    expect((await threads.parse(large)).prepared).toHaveLength(40);
    expect(large.bytes.byteLength).toBeGreaterThan(0);
  });
});
