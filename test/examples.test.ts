import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseHooks } from "../src/hooks/hook-config.js";
import { type DevGateway, startDevGateway } from "./support/dev-gateway.js";

const EXAMPLES = fileURLToPath(new URL("../examples/", import.meta.url));
const HAVE_TOOLS = ["/usr/bin/curl", "/usr/bin/openssl", "/bin/bash"].every((p) => existsSync(p));
if (!HAVE_TOOLS) console.warn("example scripts skipped: they need bash, curl and openssl");

const SECRET = "example-github-secret";

let gw: DevGateway;
beforeAll(async () => {
  const { hooks, problems } = parseHooks(readFileSync(`${EXAMPLES}github-webhook/hooks.json`, "utf8"), {
    GITHUB_WEBHOOK_SECRET: SECRET,
  });
  expect(problems).toEqual([]);
  gw = await startDevGateway({ hooks });
});
afterAll(() => gw.close());

function script(
  path: string,
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      "/bin/bash",
      [`${EXAMPLES}${path}`],
      { env: { PATH: process.env.PATH, BASE_URL: gw.baseUrl, ...env }, timeout: 20_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe.skipIf(!HAVE_TOOLS)("examples/ scripts against a gateway and the development backend", () => {
  it("curl/01-quickstart.sh inserts, searches by keyword and vector, and lists", async () => {
    const { code, stdout, stderr } = await script("curl/01-quickstart.sh");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const answers = stdout
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l));
    expect(answers).toHaveLength(5);
    expect(answers[0].id).toMatch(/^[0-9a-f-]{36}$/);
    expect(answers[1]).toMatchObject({ succeeded: 2, failed: 0 });
    expect(answers[2].objects[0].properties.title).toMatch(/solar/i);
    expect(answers[3].objects.map((o: { properties: { title: string } }) => o.properties.title)).toEqual([
      "Solar power for beginners",
      "Storing solar energy",
    ]);
    expect(answers[4].objects).toHaveLength(2);
  });

  it("curl/02-import-ndjson.sh streams 50 lines and shows progress lines", async () => {
    const { code, stdout } = await script("curl/02-import-ndjson.sh");
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.filter((l) => "line" in l)).toHaveLength(50);
    expect(lines.filter((l) => "progress" in l).map((l) => l.progress.objects)).toEqual([20, 40]);
    expect(lines.at(-1).summary).toMatchObject({ total: 50, succeeded: 50 });
  });

  it("curl/03-grpc-transcoding.sh counts and searches in proto3 JSON", async () => {
    const { code, stdout, stderr } = await script("curl/03-grpc-transcoding.sh");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const [count, search] = stdout
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l));
    expect(count.singleResult.objectsCount).toMatch(/^\d+$/);
    expect(search.results).toHaveLength(2);
    expect(search.results[0].metadata.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("github-webhook/deliver.sh is accepted, and its redelivery replaces the same object", async () => {
    const { code, stdout, stderr } = await script("github-webhook/deliver.sh", {
      GITHUB_WEBHOOK_SECRET: SECRET,
    });
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const [first, second] = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(first).toMatchObject({ collection: "Issue", status: "success" });
    expect(second.id).toBe(first.id);
    const res = await fetch(`${gw.baseUrl}/v1/collections/Issue/objects`);
    const { objects } = await res.json();
    expect(objects).toHaveLength(1);
    expect(objects[0].properties).toMatchObject({ title: "Search returns nothing", repository: "acme/app" });
    const forged = await script("github-webhook/deliver.sh", { GITHUB_WEBHOOK_SECRET: "wrong" });
    expect(forged.code).not.toBe(0);
    expect(forged.stdout).toContain('"status":401');
  });
});

describe("examples/n8n recipe", () => {
  it("makes HTTP requests the gateway answers, node by node as n8n would send them", async () => {
    const workflow = JSON.parse(readFileSync(`${EXAMPLES}n8n/weaviate-search.workflow.json`, "utf8"));
    const http = workflow.nodes.filter((n: { type: string }) => n.type === "n8n-nodes-base.httpRequest");
    expect(http.map((n: { name: string }) => n.name)).toEqual(["Insert object", "Search"]);
    const answers = [];
    for (const node of http) {
      const path = node.parameters.url.replace(/^=\{\{.*?\}\}/, "");
      const res = await fetch(`${gw.baseUrl}${path}`, {
        method: node.parameters.method,
        headers: { "content-type": "application/json" },
        body: node.parameters.jsonBody,
      });
      expect(res.status, node.name).toBe(200);
      answers.push(await res.json());
    }
    const field = workflow.nodes.find((n: { type: string }) => n.type === "n8n-nodes-base.splitOut")
      .parameters.fieldToSplitOut;
    expect(answers[1][field][0].id).toBe(answers[0].id);
  });
});

describe("examples/browser page", () => {
  it("is the page the Chromium CORS test loads (test/browser/cors.test.ts)", () => {
    const html = readFileSync(`${EXAMPLES}browser/index.html`, "utf8");
    expect(html).toContain("/search");
    expect(html).toContain("x-api-key");
  });
});
