import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DevGateway, startDevGateway } from "./support/dev-gateway.js";

const CLI = fileURLToPath(new URL("../cli/weaviate-rest-gateway.mjs", import.meta.url));

let gw: DevGateway;
let dir: string;
beforeAll(async () => {
  gw = await startDevGateway();
  dir = mkdtempSync(join(tmpdir(), "gateway-cli-"));
});
afterAll(async () => {
  await gw.close();
  rmSync(dir, { recursive: true, force: true });
});

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { timeout: 20_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

function ndjson(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

describe("weaviate-rest-gateway import", () => {
  it("imports a file through a running gateway, showing progress and a summary", async () => {
    const lines = Array.from({ length: 25 }, (_, n) =>
      JSON.stringify({ properties: { title: `book ${n}`, n } }),
    );
    const file = ndjson("books.ndjson", lines);
    const { code, stdout, stderr } = await run([
      "import",
      file,
      "--collection",
      "Book",
      "--url",
      gw.baseUrl,
      "--progress-every",
      "10",
    ]);
    expect(stdout).toMatch(
      /^imported 25 objects into Book: 25 succeeded, 0 failed in \d+\.\d s \(\d+ objects\/s\)\n$/,
    );
    expect(code).toBe(0);
    // Not a terminal here, so each progress update is a line of its own: bar, counts, rate.
    expect(stderr).toMatch(/\[#+-*\] +40% 10\/25 objects, \d+ objects\/s, 0 failed/);
    expect(stderr).toMatch(/ 80% 20\/25 objects/);
    const res = await fetch(`${gw.baseUrl}/v1/collections/Book/objects?limit=100`);
    expect((await res.json()).objects).toHaveLength(25);
  });

  it("reports failed lines and exits 1 when some fail", async () => {
    const file = ndjson("mixed.ndjson", [JSON.stringify({ properties: { title: "ok" } }), "{not json"]);
    const { code, stdout, stderr } = await run(["import", file, "-c", "Book", "--url", gw.baseUrl]);
    expect(stdout).toContain("imported 2 objects into Book: 1 succeeded, 1 failed");
    expect(stderr).toMatch(/line 2: malformed JSON/);
    expect(code).toBe(1);
  });

  it("exits 2 with a message when the gateway cannot be reached or the collection is missing", async () => {
    const file = ndjson("one.ndjson", ["{}"]);
    const unreachable = await run(["import", file, "--collection", "Book", "--url", "http://127.0.0.1:9"]);
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toMatch(/cannot reach the gateway/);
    const usage = await run(["import", file]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--collection is required/);
  });
});
