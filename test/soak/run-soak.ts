import { readdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import { createApp } from "../../src/app.js";
import type { ApiKeySpec } from "../../src/auth/api-keys.js";
import { defaultConfig } from "../../src/config.js";
import { createHttp2Transport } from "../../src/grpc/http2/create-http2-transport.js";
import { Code } from "../../src/grpc/status.js";
import { StatusError, startRecordingUpstream } from "../support/recording-upstream.js";

/**
 * A bounded soak on loopback: the gateway on a real Node HTTP server (with key auth on), the recording
 * upstream behind it failing every Nth Search with UNAVAILABLE, and `concurrency` clients looping over
 * search, list and batch writes. Counts every answer; samples RSS and open file descriptors.
 */
export interface SoakOptions {
  readonly durationMs: number;
  readonly concurrency: number;
  /** Every Nth Search call upstream fails with UNAVAILABLE (the injected errors); 0 = none. */
  readonly injectEvery: number;
  readonly onSample?: (s: SoakSample) => void;
}

export interface SoakSample {
  readonly atMs: number;
  readonly requests: number;
  readonly rssMb: number;
  readonly heapMb: number;
  readonly fds: number;
}

export interface SoakReport {
  readonly requests: number;
  readonly injected: number;
  /** 503s answering an injected failure. */
  readonly injectedAnswered: number;
  /** Anything else that was not a 2xx, plus network errors. */
  readonly unexpected: number;
  readonly unexpectedSamples: string[];
  /** Steady state after warm-up (10% of the run, at least 1 s), and at the end of the load. */
  readonly before: SoakSample;
  readonly after: SoakSample;
  /** Open descriptors before anything started and once everything closed again: a leak shows here. */
  readonly fdsBeforeStart: number;
  readonly fdsAfterClose: number;
  readonly peakRssMb: number;
  readonly requestsPerSecond: number;
}

const KEY = "soak-key-0123456789abcdef";
const keys: ApiKeySpec[] = [
  { name: "soak", key: KEY, collections: ["*"], actions: ["read", "write", "delete"], tenants: ["*"] },
];

const fds = () => readdirSync("/proc/self/fd").length;
const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const fdsBeforeStart = fds();
  const upstream = await startRecordingUpstream();
  let searches = 0;
  let injected = 0;
  upstream.on("Search", () => {
    searches++;
    if (options.injectEvery && searches % options.injectEvery === 0) {
      injected++;
      throw new StatusError(Code.UNAVAILABLE, "injected");
    }
    return { results: [{ properties: { idAsString: "00000000-0000-4000-8000-000000000001" } }] };
  });
  const transport = createHttp2Transport({ url: upstream.url });
  const app = createApp({
    transport,
    config: defaultConfig({ grpcUrl: upstream.url, auth: { mode: "keys", keys } }),
  });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Counting upstream calls keeps the recorder's call log from growing for a minute.
  const keepCallLogEmpty = setInterval(() => (upstream.calls.length = 0), 200);

  const headers = { authorization: `Bearer ${KEY}`, "content-type": "application/json" };
  const batchBody = JSON.stringify({
    objects: Array.from({ length: 5 }, (_, i) => ({
      properties: { title: `t${i}`, n: i },
      vector: [i, 1, 0],
    })),
  });
  const kinds = [
    () => fetch(`${base}/v1/collections/Article/search`, { method: "POST", headers, body: '{"limit":3}' }),
    () => fetch(`${base}/v1/collections/Article/objects?limit=3`, { headers }),
    () => fetch(`${base}/v1/collections/Article/objects/batch`, { method: "POST", headers, body: batchBody }),
  ];

  let requests = 0;
  let injectedAnswered = 0;
  let unexpected = 0;
  const unexpectedSamples: string[] = [];
  const started = Date.now();
  const sample = (): SoakSample => {
    const m = process.memoryUsage();
    return { atMs: Date.now() - started, requests, rssMb: mb(m.rss), heapMb: mb(m.heapUsed), fds: fds() };
  };
  const warmUpMs = Math.max(1000, options.durationMs / 10);
  let before: SoakSample | undefined;
  let peakRssMb = 0;
  const sampler = setInterval(() => {
    const s = sample();
    peakRssMb = Math.max(peakRssMb, s.rssMb);
    // Warm-up fills connection pools and the JIT; "before" is the steady state after it.
    if (!before && s.atMs >= warmUpMs) before = s;
    options.onSample?.(s);
  }, 1000);

  const worker = async (w: number) => {
    for (let i = w; Date.now() - started < options.durationMs; i++) {
      try {
        const res = await kinds[i % kinds.length]();
        const text = await res.text();
        requests++;
        if (res.ok) continue;
        if (res.status === 503 && text.includes('"grpcCode":"UNAVAILABLE"')) injectedAnswered++;
        else {
          unexpected++;
          if (unexpectedSamples.length < 5) unexpectedSamples.push(`${res.status} ${text.slice(0, 200)}`);
        }
      } catch (error) {
        requests++;
        unexpected++;
        if (unexpectedSamples.length < 5) unexpectedSamples.push(String(error));
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: options.concurrency }, (_, w) => worker(w)));
  } finally {
    clearInterval(sampler);
    clearInterval(keepCallLogEmpty);
  }
  (globalThis as { gc?: () => void }).gc?.();
  const after = sample();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await transport.close();
  await upstream.close();
  await new Promise((r) => setTimeout(r, 300));
  const fdsAfterClose = fds();
  return {
    requests,
    injected,
    injectedAnswered,
    unexpected,
    unexpectedSamples,
    before: before ?? after,
    after,
    fdsBeforeStart,
    fdsAfterClose,
    peakRssMb: Math.max(peakRssMb, after.rssMb),
    requestsPerSecond: Math.round(requests / ((Date.now() - started) / 1000)),
  };
}
