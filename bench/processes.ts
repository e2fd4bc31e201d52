/** Child processes of the benchmark: bundled helpers, the upstream, the gateway, and their memory. */
import { type ChildProcess, spawn } from "node:child_process";
import { openSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { build as esbuild } from "esbuild";
import { AUTH_ENV } from "./cold-start.mjs";

const root = new URL("..", import.meta.url).pathname;
const requireBanner = `import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);`;

/** Bundles the helper entry points (bench/*.ts) the way the gateway is bundled, so every side runs plain node. */
export async function bundleHelpers(dir: string, entries: string[]): Promise<void> {
  await esbuild({
    entryPoints: entries.map((e) => join(root, "bench", `${e}.ts`)),
    outdir: dir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node22",
    banner: { js: requireBanner },
    external: ["@grpc/proto-loader"],
    logLevel: "warning",
  });
}

/** Runs `node file args` and resolves with the first JSON line it prints (its port or its result). */
export function runNode(
  file: string,
  args: string[],
  options: { keep?: boolean; nodeArgs?: string[] } = {},
): Promise<{ child: ChildProcess; line: Record<string, unknown> }> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), file, ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.setEncoding("utf8");
    child.stdout!.on("data", (d: string) => {
      out += d;
      const nl = out.indexOf("\n");
      if (nl >= 0) {
        child.stdout!.removeAllListeners("data");
        child.stdout!.resume();
        resolve({ child, line: JSON.parse(out.slice(0, nl)) });
      }
    });
    child.once("exit", (code) => reject(new Error(`${file} exited with ${code} before answering: ${out}`)));
  });
}

export interface Upstream {
  readonly port: number;
  stop(): Promise<void>;
}

export async function startUpstream(helpers: string, mode: "fixed" | "dev"): Promise<Upstream> {
  const { child, line } = await runNode(join(helpers, "upstream.mjs"), [mode]);
  child.removeAllListeners("exit");
  return { port: line.port as number, stop: () => stop(child) };
}

function stop(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}

export interface Gateway {
  readonly port: number;
  readonly pid: number;
  /** SIGTERM: the server drains and exits 0 (so a --cpu-prof profile is written). */
  stop(): Promise<void>;
}

/** `["K=V", ...]` → environment settings for a gateway (an entry without "=" is ignored). */
export function envSettings(pairs: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    pairs
      .filter((pair) => pair.includes("="))
      .map((pair) => [pair.slice(0, pair.indexOf("=")).trim(), pair.slice(pair.indexOf("=") + 1).trim()]),
  );
}

export interface GatewayOptions {
  bundle: string;
  port: number;
  upstreamPort: number;
  logLevel: string;
  /** Where the access log goes (a file, as a container's stdout would be drained). */
  logFile: string;
  /** Overrides (e.g. GATEWAY_AUTH=passthrough, to measure what the key check costs). */
  env?: Record<string, string>;
  /** `--cpu-prof` into this folder under this name. */
  profile?: { dir: string; name: string };
  /** More node options, before the bundle. */
  nodeArgs?: string[];
}

/** The production bundle in its own process, as `npm run start:prod` runs it. Resolves once /healthz is 200. */
export async function startGateway(o: GatewayOptions): Promise<Gateway> {
  const log = openSync(o.logFile, "a");
  const nodeArgs = [
    ...(o.profile
      ? ["--cpu-prof", `--cpu-prof-dir=${o.profile.dir}`, `--cpu-prof-name=${o.profile.name}.cpuprofile`]
      : []),
    ...(o.nodeArgs ?? []),
  ];
  const child = spawn(process.execPath, [...nodeArgs, o.bundle], {
    stdio: ["ignore", log, log],
    env: {
      PATH: process.env.PATH,
      PORT: String(o.port),
      HOST: "127.0.0.1",
      GATEWAY_ENV: "production",
      LOG_LEVEL: o.logLevel,
      WEAVIATE_GRPC_URL: `grpc://127.0.0.1:${o.upstreamPort}`,
      ...AUTH_ENV,
      ...o.env,
    },
  });
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`the gateway exited with ${child.exitCode}; see ${o.logFile}`);
    try {
      const res = await fetch(`http://127.0.0.1:${o.port}/healthz`);
      await res.arrayBuffer();
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error("the gateway did not become healthy within 15 s");
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return { port: o.port, pid: child.pid!, stop: () => stop(child) };
}

/** VmHWM (peak resident set since start) and VmRSS of a process, in MiB, from /proc. */
export function memoryOf(pid: number): { hwmMb: number; rssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
  return { hwmMb: kb("VmHWM") / 1024, rssMb: kb("VmRSS") / 1024 };
}

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat (clock ticks of 10 ms). */
export function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
