/**
 * Memory check of the NDJSON import, run by hand (not part of the test suite):
 *
 *   npx tsx scripts/import-memory.ts [megabytes=1024]
 *
 * Generates an NDJSON body of the given size on the fly (never held in memory), posts it through the real
 * gateway app served over HTTP, with an in-memory upstream that encodes every BatchObjects request (as a
 * real transport would) and answers at once; reads the streamed results as they come; and reports peak
 * RSS, heap and throughput. Flat memory means the peak does not grow with the body size.
 */
import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { pathToFileURL } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { serve } from "@hono/node-server";
import { createApp } from "../src/app.js";
import { defaultConfig } from "../src/config.js";
import type { Transport } from "../src/grpc/transport.js";

export interface ImportRun {
  bytesSent: number;
  lines: number;
  results: number;
  summary: { total: number; succeeded: number; failed: number; tookMs: number };
  seconds: number;
  baselineRssMb: number;
  peakRssMb: number;
  peakHeapMb: number;
  upstreamCalls: number;
  /** Heap after a full GC, before the import and at its largest during it: the live set, without garbage. */
  baselineLiveHeapMb: number;
  peakLiveHeapMb: number;
}

/** A full-GC function even without --expose-gc (the flag can be set at run time for a fresh context). */
function gcFunction(): () => void {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

/** Answers every call with an empty (all-succeeded) reply after encoding the request like a transport. */
function inMemoryUpstream(counter: { calls: number }): Transport {
  return {
    async unary(method, req) {
      counter.calls++;
      method.requestType.encode(req).finish();
      await new Promise((r) => setImmediate(r));
      return method.responseType.decode(new Uint8Array());
    },
    close: async () => {},
  };
}

function* ndjson(targetBytes: number): Generator<Buffer> {
  let sent = 0;
  let n = 0;
  const body = "lorem ipsum dolor sit amet ".repeat(30);
  while (sent < targetBytes) {
    // A batch of lines per chunk: fewer, larger writes, as a file upload would send.
    let piece = "";
    for (let i = 0; i < 64; i++, n++) {
      const vector = Array.from({ length: 64 }, (_, k) => ((n * 31 + k) % 1000) / 1000);
      piece += `${JSON.stringify({ properties: { n, title: `object ${n}`, body, tags: ["a", "b"] }, vector })}\n`;
    }
    const buf = Buffer.from(piece);
    sent += buf.byteLength;
    yield buf;
  }
}

export async function runImport(megabytes: number): Promise<ImportRun> {
  const counter = { calls: 0 };
  const app = createApp({
    transport: inMemoryUpstream(counter),
    config: defaultConfig({ grpcUrl: "grpc://memory:1" }),
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const gc = gcFunction();
  gc();
  const baselineRss = process.memoryUsage().rss;
  const baselineLive = process.memoryUsage().heapUsed;
  let peakLive = baselineLive;
  // Every 250 ms: a full GC, then the heap still in use. Peaks of plain heapUsed mostly show garbage
  // V8 has not collected yet, which grows with run time up to a plateau whatever the body size.
  const liveSampler = setInterval(() => {
    gc();
    peakLive = Math.max(peakLive, process.memoryUsage().heapUsed);
  }, 250);
  let peakRss = baselineRss;
  let peakHeap = 0;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 50);
  const started = performance.now();
  let bytesSent = 0;
  let lines = 0;
  const source = Readable.from(
    (function* () {
      for (const chunk of ndjson(megabytes * 1024 * 1024)) {
        bytesSent += chunk.byteLength;
        lines += 64;
        yield chunk;
      }
    })(),
  );
  const { results, summary } = await new Promise<{ results: number; summary: ImportRun["summary"] }>(
    (resolve, reject) => {
      const req = request({
        host: "127.0.0.1",
        port,
        method: "POST",
        path: "/v1/collections/Article/objects/import",
        headers: { "content-type": "application/x-ndjson" },
      });
      req.on("error", reject);
      req.on("response", (res) => {
        let newlines = 0;
        let tail = "";
        res.setEncoding("utf8");
        res.on("data", (data: string) => {
          for (let i = data.indexOf("\n"); i >= 0; i = data.indexOf("\n", i + 1)) newlines++;
          tail = (tail + data).slice(-4096); // enough to hold the summary line
        });
        res.on("end", () => {
          const last = tail.trim().split("\n").at(-1) ?? "{}";
          resolve({ results: newlines - 1, summary: JSON.parse(last).summary });
        });
      });
      source.pipe(req);
    },
  );
  clearInterval(sampler);
  clearInterval(liveSampler);
  const seconds = (performance.now() - started) / 1000;
  await new Promise<void>((r) => server.close(() => r()));
  const mb = (b: number) => Math.round((b / 1024 / 1024) * 10) / 10;
  return {
    bytesSent,
    lines,
    results,
    summary,
    seconds,
    baselineRssMb: mb(baselineRss),
    peakRssMb: mb(peakRss),
    peakHeapMb: mb(peakHeap),
    upstreamCalls: counter.calls,
    baselineLiveHeapMb: mb(baselineLive),
    peakLiveHeapMb: mb(peakLive),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const megabytes = Number(process.argv[2] ?? 1024);
  const run = await runImport(megabytes);
  const mbSent = run.bytesSent / 1024 / 1024;
  console.log(
    JSON.stringify(
      {
        ...run,
        mbSent: Math.round(mbSent),
        mbPerSecond: Math.round(mbSent / run.seconds),
        objectsPerSecond: Math.round(run.lines / run.seconds),
      },
      null,
      2,
    ),
  );
}
