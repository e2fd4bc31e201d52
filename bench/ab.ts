/**
 * `npm run bench:ab -- before=/tmp/before/server.mjs after=dist/node/server.mjs`: an interleaved A/B of
 * gateway builds on scenario 1 (small search against the fixed-reply upstream, loopback only, about 10 s
 * per build and round). Rounds alternate the builds, so a noisy neighbour hits each alike; the medians
 * are printed per build: p50 at concurrency 1, req/s at 16, and the gateway's CPU per request at 16
 * (user + system, from /proc), the steadiest of the three. Make the "before" build with
 * `npm run build:node && cp -r dist/node /tmp/before` before changing anything.
 *
 * An argument is `name=bundle`, optionally followed by `|VAR=value` environment overrides for that
 * build (`"warn=dist/node/server.mjs|LOG_LEVEL=warn"`). AB_ROUNDS (default 3) sets the rounds;
 * AB_SCENARIO=vector measures scenario 2 (the vector search) instead of scenario 1.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./cold-start.mjs";
import { SMALL, SMALL_SEARCH_BODY, VECTOR_SEARCH_BODY, VECTORS } from "./fixtures.js";
import { httpLoad } from "./load.js";
import { bundleHelpers, cpuSecondsOf, envSettings, startGateway, startUpstream } from "./processes.js";
import { median } from "./stats.js";

interface Build {
  name: string;
  bundle: string;
  env: Record<string, string>;
}

function parseBuild(arg: string): Build {
  const [head, ...overrides] = arg.split("|");
  const eq = head.indexOf("=");
  if (eq <= 0) throw new Error(`expected name=bundle, got ${JSON.stringify(arg)}`);
  const env = envSettings(overrides);
  return { name: head.slice(0, eq), bundle: head.slice(eq + 1), env };
}

const builds = process.argv.slice(2).map(parseBuild);
if (!builds.length) {
  console.error("usage: npm run bench:ab -- name=bundle[|VAR=value...] ...");
  process.exit(2);
}
const rounds = Number(process.env.AB_ROUNDS ?? 3);
/** AB_SCENARIO=vector runs scenario 2's search (a 1536-dimension query, ten vectors back) instead. */
const vector = process.env.AB_SCENARIO === "vector";
const path = `/v1/collections/${vector ? VECTORS : SMALL}/search`;
const body = vector ? VECTOR_SEARCH_BODY : SMALL_SEARCH_BODY;
const load = (port: number, connections: number, seconds: number) =>
  httpLoad({ port, path, body, connections, seconds, warmup: 0 });

const tmp = mkdtempSync(join(tmpdir(), "gw-ab-"));
await bundleHelpers(join(tmp, "helpers"), ["upstream"]);
const upstream = await startUpstream(join(tmp, "helpers"), "fixed");
const results = new Map<string, { p50: number[]; rps: number[]; cpuUs: number[] }>();
try {
  for (let round = 0; round < rounds; round++) {
    for (const build of builds) {
      const gw = await startGateway({
        bundle: build.bundle,
        port: await freePort(),
        upstreamPort: upstream.port,
        logLevel: "info",
        logFile: join(tmp, `${build.name}.log`),
        env: build.env,
      });
      try {
        await load(gw.port, 16, 2); // warm-up
        const c1 = await load(gw.port, 1, 3);
        const cpu0 = cpuSecondsOf(gw.pid);
        const c16 = await load(gw.port, 16, 4);
        const cpuUs = ((cpuSecondsOf(gw.pid) - cpu0) / c16.seconds / c16.rps) * 1e6;
        const r = results.get(build.name) ?? { p50: [], rps: [], cpuUs: [] };
        r.p50.push(c1.p50);
        r.rps.push(c16.rps);
        r.cpuUs.push(cpuUs);
        results.set(build.name, r);
        console.error(
          `${build.name} round ${round + 1}: c=1 p50 ${c1.p50.toFixed(3)} ms, c=16 ${c16.rps.toFixed(0)} req/s, ${cpuUs.toFixed(0)} µs CPU/request`,
        );
      } finally {
        await gw.stop();
      }
    }
  }
  for (const [name, r] of results) {
    console.log(
      `${name}: c=1 p50 ${median(r.p50).toFixed(3)} ms, c=16 ${median(r.rps).toFixed(0)} req/s, ${median(r.cpuUs).toFixed(0)} µs CPU/request (medians of ${rounds})`,
    );
  }
} finally {
  await upstream.stop();
  rmSync(tmp, { recursive: true, force: true });
}
