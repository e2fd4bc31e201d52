// Production bundles, one per runtime: `node scripts/build.mjs [node|lambda|worker ...]` (default: all).
// Exports build() for the runtime smoke tests, which bundle into a temporary folder.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { build as esbuild } from "esbuild";

const root = new URL("..", import.meta.url).pathname;

// The development backend (dev/) never ships: node-main imports it only when no upstream is set, and the
// production build replaces it with a stub that explains what to configure.
const stubDevBackend = {
  name: "stub-dev-backend",
  setup(b) {
    b.onResolve({ filter: /\/dev\/backend\// }, (args) => ({ path: args.path, namespace: "dev-stub" }));
    b.onLoad({ filter: /.*/, namespace: "dev-stub" }, () => ({
      contents: `export async function startDevBackend() { throw new Error("the production build has no development backend: set WEAVIATE_GRPC_URL or WEAVIATE_GRPC_WEB_URL"); }`,
      loader: "js",
    }));
  },
};

const node = (entry, outfile) => ({
  entryPoints: [join(root, entry)],
  outfile,
  platform: "node",
  format: "esm",
  target: "node22",
  plugins: [stubDevBackend],
});

export const TARGETS = {
  // server.mjs, and beside it the startup-snapshot entry of the container image (node-snapshot.ts): V8
  // builds snapshots from a CommonJS script; the blob is made with the node that will run it (Dockerfile).
  node: (dir) => [
    node("src/runtime/node-main.ts", join(dir, "server.mjs")),
    // The batch parser thread (src/runtime/batch-threads.ts), loaded by server.mjs from beside it.
    node("src/runtime/batch-worker.ts", join(dir, "batch-worker.mjs")),
    { ...node("src/runtime/node-snapshot.ts", join(dir, "snapshot-entry.cjs")), format: "cjs" },
  ],
  lambda: (dir) => node("src/runtime/lambda.ts", join(dir, "index.mjs")),
  // The Lambda container image (deploy/lambda-image/Dockerfile), its own runtime: the snapshot entry, from
  // which the image's build makes its startup snapshot, and the same process without one.
  "lambda-image": (dir) => [
    { ...node("src/runtime/lambda-image-snapshot.ts", join(dir, "snapshot-entry.cjs")), format: "cjs" },
    node("src/runtime/lambda-image-main.ts", join(dir, "runtime.mjs")),
  ],
  // platform "browser" with the workerd conditions: any node:* import fails the build, which proves the
  // core and the fetch transport are Web APIs only.
  worker: (dir) => ({
    entryPoints: [join(root, "src/runtime/worker.ts")],
    outfile: join(dir, "index.js"),
    platform: "browser",
    format: "esm",
    target: "es2023",
    conditions: ["workerd", "worker", "browser"],
  }),
};

/** Bundles one target into `outdir` (default dist/<target>); returns esbuild's metafile of its main file. */
export async function build(target, { outdir = join(root, "dist", target), minify = true } = {}) {
  mkdirSync(outdir, { recursive: true });
  const [main, ...more] = [TARGETS[target](outdir)].flat();
  const common = { bundle: true, minify, sourcemap: "linked", legalComments: "none", logLevel: "warning" };
  const result = await esbuild({ ...main, ...common, metafile: true });
  for (const options of more) await esbuild({ ...options, ...common });
  return result.metafile;
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const targets = process.argv.slice(2);
  for (const t of targets.length ? targets : Object.keys(TARGETS)) {
    if (!TARGETS[t]) throw new Error(`unknown target ${t}; use ${Object.keys(TARGETS).join(", ")}`);
    const meta = await build(t);
    const [file, out] = Object.entries(meta.outputs).find(([f]) => !f.endsWith(".map"));
    console.log(`${t}: ${file} ${(out.bytes / 1024).toFixed(1)} KiB`);
  }
}
