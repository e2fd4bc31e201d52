/**
 * `npm run bench`: the gateway's production bundle against its limits, on 127.0.0.1 only, bounded in time.
 * Every process is separate: the fixed-reply upstream, the gateway (dist/node/server.mjs), the direct grpc-js
 * client and the in-process floor; autocannon drives HTTP from this process. Prints one table and writes it,
 * with every figure, to bench/results/<date>-<label>.json.
 *
 * Environment: BENCH_SECONDS (measured seconds per run, default 5), BENCH_WARMUP (default 2),
 * BENCH_IMPORT_MB (default 1024), BENCH_COLD_RUNS (default 9), BENCH_ONLY (e.g. "1,3"),
 * BENCH_CONCURRENCY (default "1,16,64"), BENCH_VARIANTS=0 (skip the LOG_LEVEL and auth variants),
 * BENCH_GATEWAY_ENV (K=V,... for every gateway started), BENCH_LABEL (file name suffix), BENCH_PROFILE=1
 * (an unminified bundle under --cpu-prof for scenarios 1-3; profiles and their summaries go to
 * bench/results/profiles/), BENCH_NODE_ARGS (node options for every gateway, e.g. "--trace-gc"),
 * BENCH_KEEP=1 (keep the run's temporary folder, with each gateway's log).
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "../scripts/build.mjs";
import { AUTH_HEADERS, buildHello, bundleSnippet, coldStart, freePort } from "./cold-start.mjs";
import {
  BATCH,
  BATCH_OBJECTS,
  batchBody,
  SMALL,
  SMALL_SEARCH_BODY,
  TEXT_PROPS,
  VECTOR_SEARCH_BODY,
  VECTORS,
} from "./fixtures.js";
import { runImport } from "./import-client.js";
import { lambdaColdStart } from "./lambda-cold-start.js";
import { type HttpLoad, httpLoad, probe } from "./load.js";
import {
  cpuSecondsOf,
  envSettings,
  type Gateway,
  memoryOf,
  runNode,
  startGateway,
  startUpstream,
  type Upstream,
} from "./processes.js";
import { summariseProfile } from "./profile-summary.js";
import { type LoadResult, median } from "./stats.js";

const root = new URL("..", import.meta.url).pathname;
const env = process.env;
const SECONDS = Number(env.BENCH_SECONDS ?? 5);
const WARMUP = Number(env.BENCH_WARMUP ?? 2);
const IMPORT_MB = Number(env.BENCH_IMPORT_MB ?? 1024);
const COLD_RUNS = Number(env.BENCH_COLD_RUNS ?? 9);
const ONLY = new Set((env.BENCH_ONLY ?? "1,2,3,4,5").split(",").map((s) => s.trim()));
const PROFILE = env.BENCH_PROFILE === "1";
const CONCURRENCY = (env.BENCH_CONCURRENCY ?? "1,16,64").split(",").map(Number);
/** BENCH_VARIANTS=0 skips the middleware-cost runs of scenario 1 (quicker A/B runs of one change). */
const VARIANTS = env.BENCH_VARIANTS !== "0";
/** BENCH_GATEWAY_ENV="BATCH_PARSE_THREADS=2,LOG_LEVEL=warn": settings for every gateway this run starts. */
const GATEWAY_ENV = envSettings((env.BENCH_GATEWAY_ENV ?? "").split(","));
/** BENCH_NODE_ARGS="--trace-gc": node options for every gateway started (some are refused in NODE_OPTIONS). */
const NODE_ARGS = (env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean);
const BATCH_CONCURRENCY = 4;

const tmp = mkdtempSync(join(tmpdir(), "gw-bench-"));
const resultsDir = join(root, "bench", "results");
const profileDir = join(resultsDir, "profiles");
mkdirSync(resultsDir, { recursive: true });

/** A gateway configuration besides the production default (LOG_LEVEL=info, keys auth). */
interface Variant {
  label: string;
  env: Record<string, string>;
}
/** What the access log line and the key check cost: the same runs with each turned off. */
const MIDDLEWARE_VARIANTS: Variant[] = [
  { label: "LOG_LEVEL=warn", env: { LOG_LEVEL: "warn" } },
  {
    label: "LOG_LEVEL=warn, GATEWAY_AUTH=passthrough",
    env: { LOG_LEVEL: "warn", GATEWAY_AUTH: "passthrough", GATEWAY_API_KEYS: "" },
  },
];

interface Row {
  scenario: string;
  metric: string;
  gateway: number;
  baseline: number;
  baselineName: string;
  /** gateway / baseline (higher is better for throughput, lower for memory and time). */
  ratio: number;
  unit: string;
  /** Gateway p50 latency minus the baseline's, ms (search rows). */
  addedP50Ms?: number;
  gatewayP50Ms?: number;
  gatewayP99Ms?: number;
  baselineP50Ms?: number;
  baselineP99Ms?: number;
  note?: string;
}
const rows: Row[] = [];
const raw: Record<string, unknown> = {};

/** A throughput row of gateway vs direct grpc-js at one concurrency, with both sides' latencies. */
function vsDirectRow(scenario: string, metric: string, g: LoadResult, d: LoadResult, note: string): Row {
  return {
    scenario,
    metric,
    gateway: g.rps,
    baseline: d.rps,
    baselineName: "direct grpc-js",
    ratio: g.rps / d.rps,
    unit: "req/s",
    addedP50Ms: g.p50 - d.p50,
    gatewayP50Ms: g.p50,
    gatewayP99Ms: g.p99,
    baselineP50Ms: d.p50,
    baselineP99Ms: d.p99,
    note,
  };
}

let helpers = "";
let bundle = "";
let gwCount = 0;

async function withGateway<T>(
  upstream: Upstream,
  name: string,
  fn: (gw: Gateway) => Promise<T>,
  variant: Variant = { label: "", env: {} },
): Promise<T> {
  const { LOG_LEVEL = "info", ...env } = { ...GATEWAY_ENV, ...variant.env };
  const gw = await startGateway({
    bundle,
    port: await freePort(),
    upstreamPort: upstream.port,
    logLevel: LOG_LEVEL,
    env,
    logFile: join(tmp, `gateway-${gwCount++}.log`),
    profile: PROFILE ? { dir: profileDir, name } : undefined,
    nodeArgs: NODE_ARGS,
  });
  try {
    return await fn(gw);
  } finally {
    await gw.stop();
  }
}

/**
 * A discarded small-search load at each concurrency, before anything against this upstream is measured.
 * The load generator (in this process) and the upstream warm up too: with a fresh harness, the first
 * gateway measured at c=1 was 70 µs slower than the same build measured again later in the same run
 * (bench/results/…-s5-order.json: +0.320 vs +0.252 ms next to the direct client), so whichever build
 * or variant came first looked worse than it was.
 */
async function warmHarness(upstream: Upstream): Promise<void> {
  await withGateway(upstream, "warm-up", async (gw) => {
    for (const c of CONCURRENCY) {
      await httpLoad({
        port: gw.port,
        path: searchPath(SMALL),
        body: SMALL_SEARCH_BODY,
        connections: c,
        seconds: WARMUP,
        warmup: 0,
      });
    }
  });
}

/** An HTTP load against the gateway, with the share of one core the gateway used while it ran. */
async function gatewayLoad(
  gw: Gateway,
  load: Omit<HttpLoad, "port">,
): Promise<LoadResult & { gatewayCpu: number }> {
  if (load.warmup > 0) await httpLoad({ ...load, port: gw.port, seconds: load.warmup, warmup: 0 });
  const cpu0 = cpuSecondsOf(gw.pid);
  const result = await httpLoad({ ...load, port: gw.port, warmup: 0 });
  return { ...result, gatewayCpu: (cpuSecondsOf(gw.pid) - cpu0) / result.seconds };
}

async function direct(port: number, kind: string, concurrency: number) {
  const { line } = await runNode(join(helpers, "direct-client.mjs"), [
    JSON.stringify({ port, kind, concurrency, seconds: SECONDS, warmup: WARMUP }),
  ]);
  return line as unknown as LoadResult & { objectsPerSecond: number };
}

const searchPath = (collection: string) => `/v1/collections/${collection}/search`;

function expectObjects(n: number, vectors: boolean) {
  return (json: unknown) => {
    const objects = (json as { objects: { properties: object; vector?: number[] }[] }).objects;
    if (objects.length !== n) throw new Error(`expected ${n} objects, got ${objects.length}`);
    if (Object.keys(objects[0].properties).length !== TEXT_PROPS.length)
      throw new Error("expected 5 properties");
    if (vectors && objects[0].vector?.length !== 1536) throw new Error("expected 1536-dimension vectors");
  };
}

/** Scenario 1 or 2 at each concurrency: the gateway, then the direct client, one after the other. */
async function searchScenario(
  label: string,
  upstream: Upstream,
  collection: string,
  body: string,
  kind: string,
  vectors: boolean,
  variants: Variant[] = [],
) {
  for (const variant of [{ label: "", env: {} }, ...variants]) {
    const profileName = `${label.replace(/\W+/g, "-")}${variant.label ? `-${variant.label.replace(/\W+/g, "-")}` : ""}`;
    await withGateway(
      upstream,
      profileName,
      async (gw) => {
        const bytes = await probe(gw.port, searchPath(collection), body, expectObjects(10, vectors));
        for (const c of CONCURRENCY) {
          const g = await gatewayLoad(gw, {
            path: searchPath(collection),
            body,
            connections: c,
            seconds: SECONDS,
            warmup: WARMUP,
          });
          let d = raw[`${label} direct c=${c}`] as LoadResult | undefined;
          if (!d) {
            d = await direct(upstream.port, kind, c);
            raw[`${label} direct c=${c}`] = d;
          }
          raw[`${label} gateway ${variant.label || "default"} c=${c}`] = {
            ...g,
            gatewayRssHwmMb: memoryOf(gw.pid).hwmMb,
          };
          rows.push(
            vsDirectRow(
              label,
              `req/s c=${c}${variant.label ? ` (${variant.label})` : ""}`,
              g,
              d,
              `gateway CPU ${(g.gatewayCpu * 100).toFixed(0)} %${vectors ? `; response ${bytes} bytes` : ""}`,
            ),
          );
          console.error(
            `  ${label} c=${c} ${variant.label}: gateway ${g.rps.toFixed(0)} req/s p50 ${g.p50.toFixed(3)} ms, direct ${d.rps.toFixed(0)} req/s p50 ${d.p50.toFixed(3)} ms`,
          );
        }
      },
      variant,
    );
  }
}

/**
 * Two calibrations of scenario 1, each a small server bundled like the gateway and loaded the same way:
 * - bare Hono: HTTP server + Hono + a fixed JSON reply, no upstream (the HTTP side's own cost);
 * - minimal proxy: the same, plus the gateway's node:http2 transport and its reply rendering to JSON,
 *   but no validation, middleware, auth or logging: what any Node REST-to-gRPC proxy of this design pays,
 *   so "gateway vs minimal proxy" is the price of the gateway's policies.
 */
async function calibrationScenario(gatewayReply: string, upstream: Upstream) {
  const dir = join(tmp, "calibration");
  const listen = `serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: "127.0.0.1" }, () => console.log("{}"));`;
  const servers = [
    {
      name: "bare Hono, fixed reply",
      note: "no gateway: HTTP server + Hono + JSON only",
      source: `import { Hono } from "hono"; import { serve } from "@hono/node-server";
        const reply = ${JSON.stringify(gatewayReply)};
        const app = new Hono().post("*", async (c) => { await c.req.json(); return c.body(reply, 200, { "content-type": "application/json" }); });
        ${listen}`,
    },
    {
      name: "minimal proxy",
      note: "HTTP + Hono + the node:http2 transport + reply translation; no validation, middleware, auth or log",
      source: `import { Hono } from "hono"; import { serve } from "@hono/node-server";
        import { createHttp2Transport } from "./src/grpc/http2/create-http2-transport.ts";
        import { methods } from "./src/grpc/methods.ts";
        import { decodeSearchReply, searchAnswerJson } from "./src/translate/search-reply-render.ts";
        const transport = createHttp2Transport({ url: "grpc://127.0.0.1:${upstream.port}" });
        const search = { ...methods.search, responseType: { decode: decodeSearchReply } };
        const app = new Hono().post("/v1/collections/:collection/search", async (c) => {
          const body = await c.req.json();
          const reply = await transport.unary(search, {
            collection: c.req.param("collection"), limit: body.limit, usesUnifiedApi: true,
            properties: { nonRefProperties: body.returnProperties },
          }, { metadata: new Headers(), timeoutMs: 30000 });
          return c.body(searchAnswerJson(reply), 200, { "content-type": "application/json" });
        });
        ${listen}`,
    },
  ];
  for (const server of servers) {
    const file = join(dir, `${server.name.replace(/\W+/g, "-")}.mjs`);
    await bundleSnippet(server.source, file);
    const port = await freePort();
    const child = spawn(process.execPath, [file], {
      stdio: ["ignore", "pipe", "inherit"],
      env: { PATH: env.PATH, PORT: String(port) },
    });
    await new Promise((r) => child.stdout!.once("data", r));
    try {
      for (const c of CONCURRENCY) {
        const g = await httpLoad({
          port,
          path: searchPath(SMALL),
          body: SMALL_SEARCH_BODY,
          connections: c,
          seconds: SECONDS,
          warmup: WARMUP,
        });
        const d = raw[`1 small search direct c=${c}`] as LoadResult | undefined;
        if (!d) continue;
        raw[`1 ${server.name} c=${c}`] = g;
        rows.push(vsDirectRow(`1 calibration: ${server.name}`, `req/s c=${c}`, g, d, server.note));
        console.error(`  ${server.name} c=${c}: ${g.rps.toFixed(0)} req/s p50 ${g.p50.toFixed(3)} ms`);
      }
    } finally {
      child.kill("SIGTERM");
    }
  }
}

/** The gateway's answer to the small search, for the bare Hono calibration to send back verbatim. */
async function smallReplyText(upstream: Upstream): Promise<string> {
  return withGateway(upstream, "reply-text", async (gw) => {
    const res = await fetch(`http://127.0.0.1:${gw.port}${searchPath(SMALL)}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...AUTH_HEADERS },
      body: SMALL_SEARCH_BODY,
    });
    return res.text();
  });
}

async function batchScenario(upstream: Upstream) {
  const body = batchBody();
  const floor = (
    await runNode(join(helpers, "floor.mjs"), [JSON.stringify({ seconds: SECONDS, warmup: WARMUP })])
  ).line as { objectsPerSecond: number; msPerBody: number; bodyBytes: number };
  raw["3 floor"] = floor;
  const d = await direct(upstream.port, "batch", BATCH_CONCURRENCY);
  raw["3 direct"] = d;
  await withGateway(upstream, "3-batch", async (gw) => {
    const path = `/v1/collections/${BATCH}/objects/batch`;
    await probe(gw.port, path, body, (json) => {
      if ((json as { succeeded: number }).succeeded !== BATCH_OBJECTS)
        throw new Error("batch: not all succeeded");
    });
    const g = await gatewayLoad(gw, {
      path,
      body,
      connections: BATCH_CONCURRENCY,
      seconds: SECONDS,
      warmup: WARMUP,
    });
    const objectsPerSecond = g.rps * BATCH_OBJECTS;
    raw["3 gateway"] = { ...g, objectsPerSecond, gatewayRssHwmMb: memoryOf(gw.pid).hwmMb };
    const common = {
      scenario: "3 batch 100×1536",
      metric: `objects/s c=${BATCH_CONCURRENCY}`,
      gateway: objectsPerSecond,
      unit: "objects/s",
      gatewayP50Ms: g.p50,
      gatewayP99Ms: g.p99,
      note: `gateway CPU ${(g.gatewayCpu * 100).toFixed(0)} %; body ${floor.bodyBytes} bytes; floor ${floor.msPerBody.toFixed(2)} ms/body`,
    };
    rows.push({
      ...common,
      baseline: floor.objectsPerSecond,
      baselineName: "in-process floor",
      ratio: objectsPerSecond / floor.objectsPerSecond,
    });
    rows.push({
      ...common,
      baseline: d.objectsPerSecond,
      baselineName: "direct grpc-js",
      ratio: objectsPerSecond / d.objectsPerSecond,
      baselineP50Ms: d.p50,
      baselineP99Ms: d.p99,
    });
    console.error(
      `  batch: gateway ${objectsPerSecond.toFixed(0)} objects/s, floor ${floor.objectsPerSecond.toFixed(0)}, direct ${d.objectsPerSecond.toFixed(0)}`,
    );
  });
}

async function importScenario(upstream: Upstream) {
  const r = await withGateway(upstream, "4-import", async (gw) =>
    runImport(gw.port, gw.pid, IMPORT_MB * 1024 * 1024),
  );
  raw["4 import"] = r;
  if (r.failed) throw new Error(`import: ${r.failed} objects failed`);
  rows.push({
    scenario: `4 import ${(r.bytesSent / 2 ** 30).toFixed(2)} GiB NDJSON (384-d)`,
    metric: "peak RSS (VmHWM)",
    gateway: r.peakRssMb,
    baseline: 200,
    baselineName: "target 200 MB",
    ratio: r.peakRssMb / 200,
    unit: "MiB",
    note: `${r.objects} objects in ${r.seconds.toFixed(1)} s: ${r.objectsPerSecond.toFixed(0)} objects/s, ${r.mbPerSecond.toFixed(0)} MiB/s; RSS ${r.rssBeforeMb.toFixed(0)} MiB before`,
  });
  console.error(
    `  import: ${r.objectsPerSecond.toFixed(0)} objects/s, peak RSS ${r.peakRssMb.toFixed(0)} MiB`,
  );
}

async function coldStartScenario(upstream: Upstream) {
  const hello = await buildHello(join(tmp, "hello"));
  const cwd = join(root, "dist", "node");
  const lambdaCwd = join(tmp, "lambda-image");
  await build("lambda-image", { outdir: lambdaCwd });
  // As the Dockerfiles do: startup snapshots of the gateway's modules, made with this node.
  const snapshot = (dir: string, blob: string) => {
    execFileSync(process.execPath, ["--snapshot-blob", blob, "--build-snapshot", "snapshot-entry.cjs"], {
      cwd: dir,
      stdio: ["ignore", "ignore", "inherit"],
    });
    return blob;
  };
  const blob = snapshot(cwd, join(tmp, "gateway.blob"));
  const lambdaBlob = snapshot(lambdaCwd, join(tmp, "lambda-image.blob"));
  const path = searchPath(SMALL);
  // Node servers answer HTTP; the Lambda image's process answers an event through the Runtime API.
  const variants = [
    {
      name: "bundle (node server.mjs)",
      start: () => coldStart({ cwd, args: ["server.mjs"], path, post: true }, upstream.port),
    },
    {
      name: "startup snapshot (container image)",
      start: () => coldStart({ cwd, args: ["--snapshot-blob", blob], path, post: true }, upstream.port),
    },
    {
      name: "Lambda image, startup snapshot",
      start: () =>
        lambdaColdStart({ cwd: lambdaCwd, args: ["--snapshot-blob", lambdaBlob], path }, upstream.port),
    },
    {
      name: "Lambda image without snapshot (as a .zip's bundle)",
      start: () => lambdaColdStart({ cwd: lambdaCwd, args: ["runtime.mjs"], path }, upstream.port),
    },
  ];
  const times: Record<string, number[]> = { hello: [] };
  for (const v of variants) times[v.name] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    times.hello.push(await coldStart(hello, upstream.port));
    for (const v of variants) times[v.name].push(await v.start());
  }
  raw["5 cold start"] = times;
  const h = median(times.hello);
  for (const v of variants) {
    const g = median(times[v.name]);
    rows.push({
      scenario: `5 cold start, ${v.name}`,
      metric: `start → first proxied 200, median of ${COLD_RUNS}`,
      gateway: g,
      baseline: h,
      baselineName: "bare Hono hello-world",
      ratio: g / h,
      unit: "ms",
    });
    console.error(`  cold start, ${v.name}: gateway ${g.toFixed(0)} ms, hello ${h.toFixed(0)} ms`);
  }
}

function fmt(n: number | undefined, digits = 0): string {
  return n === undefined || Number.isNaN(n) ? "" : n.toFixed(digits);
}

function printTable() {
  const head = [
    "scenario",
    "metric",
    "gateway",
    "baseline",
    "vs",
    "ratio",
    "p50 gw/base ms",
    "p99 gw/base ms",
    "+p50 ms",
    "note",
  ];
  const lines = rows.map((r) => [
    r.scenario,
    r.metric,
    `${fmt(r.gateway, r.unit === "MiB" || r.unit === "ms" ? 0 : 0)} ${r.unit}`,
    fmt(r.baseline),
    r.baselineName,
    `${fmt(r.ratio, 2)}x`,
    r.gatewayP50Ms === undefined ? "" : `${fmt(r.gatewayP50Ms, 3)} / ${fmt(r.baselineP50Ms, 3)}`,
    r.gatewayP99Ms === undefined ? "" : `${fmt(r.gatewayP99Ms, 2)} / ${fmt(r.baselineP99Ms, 2)}`,
    fmt(r.addedP50Ms, 3),
    r.note ?? "",
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  console.log(line(head));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const l of lines) console.log(line(l));
}

async function main() {
  const started = Date.now();
  console.error(`bench: Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model}, ${SECONDS} s runs`);
  const { bundleHelpers } = await import("./processes.js");
  helpers = join(tmp, "helpers");
  await bundleHelpers(helpers, ["upstream", "direct-client", "floor"]);
  // The production build (npm run build:node); under BENCH_PROFILE an unminified twin, for readable profiles.
  await build("node");
  bundle = join(root, "dist", "node", "server.mjs");
  if (PROFILE) {
    await build("node", { outdir: join(tmp, "node-unminified"), minify: false });
    bundle = join(tmp, "node-unminified", "server.mjs");
    rmSync(profileDir, { recursive: true, force: true });
    mkdirSync(profileDir, { recursive: true });
  }

  const fixed = await startUpstream(helpers, "fixed");
  try {
    if (ONLY.has("1") || ONLY.has("2")) await warmHarness(fixed);
    if (ONLY.has("1"))
      await searchScenario(
        "1 small search",
        fixed,
        SMALL,
        SMALL_SEARCH_BODY,
        "small",
        false,
        PROFILE || !VARIANTS ? [] : MIDDLEWARE_VARIANTS,
      );
    if (ONLY.has("1") && !PROFILE) await calibrationScenario(await smallReplyText(fixed), fixed);
    if (ONLY.has("2"))
      await searchScenario("2 search 10×1536", fixed, VECTORS, VECTOR_SEARCH_BODY, "vectors", true);
    if (ONLY.has("3")) await batchScenario(fixed);
    if (ONLY.has("4") && !PROFILE) await importScenario(fixed);
    if (ONLY.has("5") && !PROFILE) await coldStartScenario(fixed);
  } finally {
    await fixed.stop();
  }
  if (ONLY.has("1") && !PROFILE) {
    const dev = await startUpstream(helpers, "dev");
    try {
      // Ten objects with the five text properties, written through the gateway itself.
      await withGateway(dev, "1-dev-seed", async (gw) => {
        const objects = Array.from({ length: 10 }, (_, i) => ({
          properties: Object.fromEntries(TEXT_PROPS.map((p) => [p, `${p} of object ${i}`])),
        }));
        await probe(gw.port, `/v1/collections/${SMALL}/objects/batch`, JSON.stringify({ objects }), () => {});
      });
      await warmHarness(dev);
      await searchScenario("1 small search, dev backend", dev, SMALL, SMALL_SEARCH_BODY, "small", false);
    } finally {
      await dev.stop();
    }
  }

  printTable();
  const stamp = new Date().toISOString().replace(/[:.]/g, "-").slice(0, 19);
  const file = join(resultsDir, `${stamp}${env.BENCH_LABEL ? `-${env.BENCH_LABEL}` : ""}.json`);
  const machine = {
    node: process.version,
    cpus: cpus().length,
    model: cpus()[0]?.model,
    date: new Date().toISOString(),
  };
  writeFileSync(
    file,
    `${JSON.stringify({ machine, settings: { SECONDS, WARMUP, IMPORT_MB, COLD_RUNS, GATEWAY_ENV }, rows, raw }, null, 2)}\n`,
  );
  if (PROFILE) summariseProfile(profileDir);
  console.error(`\nwritten to ${file} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

try {
  await main();
} finally {
  if (env.BENCH_KEEP === "1") console.error(`kept ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
}
