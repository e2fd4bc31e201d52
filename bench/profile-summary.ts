/**
 * Summarises V8 .cpuprofile files (node --cpu-prof): self time per function and per source file, mapped
 * back through the bundle's source map to the original file (src/..., node_modules/<package>/...).
 * `npx tsx bench/profile-summary.ts <dir>`; also called by `BENCH_PROFILE=1 npm run bench`.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const maps = new Map<string, SourceMap | null>();
function sourceMapOf(url: string): SourceMap | null {
  if (!maps.has(url)) {
    let map: SourceMap | null = null;
    try {
      const file = `${fileURLToPath(url)}.map`;
      if (existsSync(file)) map = new SourceMap(JSON.parse(readFileSync(file, "utf8")));
    } catch {
      map = null;
    }
    maps.set(url, map);
  }
  return maps.get(url) ?? null;
}

function origin(frame: ProfileNode["callFrame"]): string {
  if (!frame.url) return `(${frame.functionName || "native"})`;
  if (!frame.url.startsWith("file:")) return frame.url;
  const entry = sourceMapOf(frame.url)?.findEntry(frame.lineNumber, frame.columnNumber);
  const source = entry && "originalSource" in entry ? entry.originalSource : frame.url;
  return source.replace(/^.*?\/(node_modules\/|src\/|dev\/)/, "$1");
}

export function summariseFile(file: string, top = 25): string {
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const fn = new Map<string, number>();
  const files = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    const where = origin(frame);
    const pkg = where.startsWith("node_modules/")
      ? where
          .split("/")
          .slice(0, where.split("/")[1].startsWith("@") ? 3 : 2)
          .join("/")
      : where;
    const name = `${frame.functionName || "(anonymous)"} ${where}:${frame.lineNumber + 1}`;
    fn.set(name, (fn.get(name) ?? 0) + us);
    files.set(pkg, (files.get(pkg) ?? 0) + us);
  }
  const pct = (us: number) => `${((us / total) * 100).toFixed(1).padStart(5)} %`;
  const list = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => `  ${pct(us)}  ${k}`)
      .join("\n");
  return `${file}: ${(total / 1e6).toFixed(1)} s sampled\nself time by source:\n${list(files)}\nself time by function:\n${list(fn)}\n`;
}

export function summariseProfile(dir: string): void {
  for (const f of readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"))) {
    const text = summariseFile(join(dir, f));
    writeFileSync(join(dir, f.replace(/\.cpuprofile$/, ".txt")), text);
    console.error(text);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) summariseProfile(process.argv[2] ?? ".");
