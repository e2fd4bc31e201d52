// Fails when the committed ts-proto output in src/gen/ differs from what proto/ generates now.
// Generates into a temporary folder (buf's --output) and compares file by file.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), "gen-check-"));

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

try {
  execFileSync(join(root, "node_modules/.bin/buf"), ["generate", "--output", tmp], {
    cwd: root,
    stdio: "inherit",
  });
  const committed = join(root, "src/gen");
  const fresh = join(tmp, "src/gen");
  const a = new Set(files(committed).map((f) => relative(committed, f)));
  const b = new Set(files(fresh).map((f) => relative(fresh, f)));
  const drift = [];
  for (const f of new Set([...a, ...b])) {
    if (!a.has(f)) drift.push(`missing from src/gen: ${f}`);
    else if (!b.has(f)) drift.push(`not generated from proto/: src/gen/${f}`);
    else if (readFileSync(join(committed, f), "utf8") !== readFileSync(join(fresh, f), "utf8"))
      drift.push(`differs from proto/: src/gen/${f}`);
  }
  if (drift.length) {
    console.error(`Generated code has drifted from proto/ (run \`npm run proto\`):\n  ${drift.join("\n  ")}`);
    process.exit(1);
  }
  console.log(`src/gen matches proto/ (${a.size} files)`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
