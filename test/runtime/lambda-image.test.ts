import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { build, type Target } from "../../scripts/build.mjs";
import { SearchRequest } from "../support/oracle.js";
import { delay, type RecordingUpstream, startRecordingUpstream } from "../support/recording-upstream.js";
import { type RuntimeApiEmulator, startRuntimeApiEmulator } from "../support/runtime-api-emulator.js";
import { type Spawned, spawnServer } from "./support/spawn-server.js";

/**
 * The Lambda container image (deploy/lambda-image/Dockerfile) is its own runtime: its process asks Lambda's
 * Runtime API for events. This runs the image's two commands on the production bundle, copied into an
 * empty folder (make the snapshot with this node, then start from it), and the same process without a
 * snapshot, against an emulated Runtime API and a recording gRPC upstream.
 */
const v2Event = JSON.parse(
  readFileSync(new URL("./lambda-events/api-gateway-v2.json", import.meta.url), "utf8"),
) as Record<string, unknown>;
/** The fixture's search with this body, from a caller whose token passes through to Weaviate. */
const searchEvent = (body: unknown) => ({
  ...v2Event,
  headers: { ...(v2Event.headers as object), authorization: "Bearer caller-token" },
  body: Buffer.from(JSON.stringify(body)).toString("base64"),
});

interface Result {
  statusCode: number;
  body: string;
  headers?: Record<string, string>;
}

/**
 * The image's commands, read from its Dockerfile so that this test runs what the image runs: the files it
 * copies from the build, the command that makes the snapshot, and the entrypoint (node's arguments, with
 * the image's /var/task/ being the test's folder).
 */
const dockerfile = readFileSync(new URL("../../deploy/lambda-image/Dockerfile", import.meta.url), "utf8");
const IMAGE = {
  build: /RUN node scripts\/build\.mjs (\S+)/.exec(dockerfile)?.[1],
  files: [...dockerfile.matchAll(/\/src\/dist\/lambda-image\/(\S+)/g)].map((m) => m[1]),
  snapshot: /RUN node (--snapshot-blob \S+ --build-snapshot \S+)/.exec(dockerfile)?.[1].split(" "),
  entrypoint: (JSON.parse(/ENTRYPOINT (\[.*\])/.exec(dockerfile)?.[1] ?? "[]") as string[]).map((a) =>
    a.replace(/^\/var\/task\//, ""),
  ),
};

let dir: string;
let upstream: RecordingUpstream;
beforeAll(async () => {
  expect(IMAGE).toMatchObject({
    build: "lambda-image",
    entrypoint: ["node", "--snapshot-blob", "snapshot.blob"],
  });
  dir = mkdtempSync(join(tmpdir(), "gw-lambda-image-"));
  await build(IMAGE.build as Target, { outdir: dir });
  for (const file of IMAGE.files) expect(existsSync(join(dir, file)), file).toBe(true);
  const snapshot = spawnServer(process.execPath, IMAGE.snapshot ?? [], {}, dir);
  expect(await snapshot.exited).toBe(0);
  expect(snapshot.output()).not.toMatch(/Warning|Error/);
  upstream = await startRecordingUpstream();
}, 60_000);
afterAll(async () => {
  await upstream.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => upstream.reset());

const STARTS = {
  "the startup snapshot (the image's entrypoint)": IMAGE.entrypoint.slice(1),
  "the plain bundle": ["runtime.mjs"],
};

/** The image's process against a fresh Runtime API, with the function's environment. */
async function startFunction(args: string[], env: Record<string, string> = {}) {
  const api = await startRuntimeApiEmulator();
  const fn = spawnServer(
    process.execPath,
    args,
    {
      AWS_LAMBDA_RUNTIME_API: api.address,
      AWS_LAMBDA_FUNCTION_NAME: "gateway",
      WEAVIATE_GRPC_URL: upstream.url,
      GATEWAY_ENV: "production",
      GATEWAY_AUTH: "passthrough",
      LOG_LEVEL: "warn",
      ...env,
    },
    dir,
  );
  return { api, fn };
}

async function stop(api: RuntimeApiEmulator, fn: Spawned) {
  await api.close();
  await fn.stop();
}

describe.each(Object.entries(STARTS))("the Lambda image's runtime, from %s", (_name, args) => {
  it("serves events in order, each answered once, over one INIT", async () => {
    upstream.on("Search", (request: { limit?: number }) => ({
      results: Array.from({ length: request.limit ?? 0 }, (_, i) => ({
        metadata: { id: `b7ab6a0e-9b8f-4d5a-8d57-3e5c2c6f0a1${i}` },
      })),
    }));
    const { api, fn } = await startFunction(args);
    try {
      await api.ready;
      // Queued before the first is answered: the runtime takes them one at a time.
      const outcomes = await Promise.all([1, 2, 3].map((limit) => api.invoke(searchEvent({ limit }))));
      for (const [i, outcome] of outcomes.entries()) {
        expect(outcome.kind).toBe("response");
        const result = outcome.body as Result;
        expect(result.statusCode).toBe(200);
        expect(result.headers?.["content-type"]).toBe("application/json");
        expect(JSON.parse(result.body).objects).toHaveLength(i + 1);
      }
      const calls = upstream.callsTo("Search");
      expect(calls.map((call) => SearchRequest.decode(call.bytes))).toMatchObject([
        { collection: "Article", tenant: "t1", limit: 1 },
        { collection: "Article", tenant: "t1", limit: 2 },
        { collection: "Article", tenant: "t1", limit: 3 },
      ]);
      expect(calls[0].metadata.authorization).toBe("Bearer caller-token");
      // One INIT (the first request for an event), one answer per event, each after its event.
      await expect
        .poll(() => api.calls)
        .toEqual([
          "next",
          "response request-1",
          "next",
          "response request-2",
          "next",
          "response request-3",
          "next",
        ]);
      expect(fn.output()).not.toMatch(/error/i);
    } finally {
      await stop(api, fn);
    }
  });

  it("keeps the call's deadline inside the invocation's, from the Runtime API's deadline header", async () => {
    upstream.on("Search", () => delay(3000));
    const { api, fn } = await startFunction(args);
    try {
      await api.ready;
      const started = performance.now();
      const outcome = await api.invoke(searchEvent({ limit: 1 }), { deadlineMs: Date.now() + 800 });
      expect((outcome.body as Result).statusCode).toBe(504);
      expect(performance.now() - started).toBeLessThan(2000);
      const [call] = upstream.callsTo("Search");
      expect(call.deadline).toBeLessThan(Date.now() + 1000);
    } finally {
      await stop(api, fn);
    }
  });

  it("answers a client's mistake as the event's 400, not as an invocation error", async () => {
    const { api, fn } = await startFunction(args);
    try {
      const outcome = await api.invoke(searchEvent({ limit: "ten" }));
      expect(outcome.kind).toBe("response");
      const result = outcome.body as Result;
      expect(result.statusCode).toBe(400);
      expect(JSON.parse(result.body)).toMatchObject({ status: 400 });
      expect(result.body).toContain("limit");
      expect(upstream.callsTo("Search")).toHaveLength(0);
    } finally {
      await stop(api, fn);
    }
  });
});

describe("the Lambda image's runtime", () => {
  const [args] = Object.values(STARTS);

  it("reports an event it cannot handle as that invocation's error, without a stack, and serves the next", async () => {
    upstream.on("Search", () => ({ results: [] }));
    const { api, fn } = await startFunction(args);
    try {
      // No event of any source: hono/aws-lambda throws reading it.
      const failed = await api.invoke(null);
      expect(failed.kind).toBe("error");
      const report = failed.body as Record<string, unknown>;
      expect(Object.keys(report).sort()).toEqual(["errorMessage", "errorType"]);
      expect(String(report.errorMessage)).not.toMatch(/\n\s+at /);
      expect(failed.headers["lambda-runtime-function-error-type"]).toBe(report.errorType);
      const next = await api.invoke(searchEvent({ limit: 1 }));
      expect([next.kind, (next.body as Result).statusCode]).toEqual(["response", 200]);
    } finally {
      await stop(api, fn);
    }
  });

  it("reports a bad configuration as an INIT error, without the value, and exits", async () => {
    const { api, fn } = await startFunction(args, {
      WEAVIATE_GRPC_URL: "grpc://gw:s3cret-pw@bad host:50051",
    });
    try {
      const report = (await api.initError).body as { errorType: string; errorMessage: string };
      expect(report.errorMessage).toMatch(/WEAVIATE_GRPC_URL: not a URL/);
      expect(JSON.stringify(report)).not.toContain("s3cret");
      expect(fn.output()).not.toContain("s3cret");
      expect(await fn.exited).toBe(1);
      expect(api.calls).toEqual(["init/error"]);
    } finally {
      await stop(api, fn);
    }
  });

  it("exits when the Runtime API cannot be reached", async () => {
    const { api, fn } = await startFunction(args);
    try {
      await api.ready;
      await api.close();
      expect(await fn.exited).toBe(1);
      expect(fn.output()).toMatch(/the Runtime API failed: exiting/);
    } finally {
      await stop(api, fn);
    }
  });

  it("refuses to start outside Lambda, saying what it is", async () => {
    const fn = spawnServer(process.execPath, args, {}, dir);
    expect(await fn.exited).toBe(2);
    expect(fn.output()).toMatch(/AWS_LAMBDA_RUNTIME_API is not set/);
  });
});

describe("serverless.image.yml", () => {
  it("is a valid Serverless v3 service whose function is the image this Dockerfile builds", async () => {
    const root = new URL("../..", import.meta.url).pathname;
    const home = mkdtempSync(join(tmpdir(), "gw-sls-image-"));
    try {
      // The file asks for strict validation (configValidationMode: error): a misspelt key fails this.
      const sls = spawnServer(
        process.execPath,
        [
          join(root, "node_modules/serverless/bin/serverless.js"),
          "print",
          "--config",
          "serverless.image.yml",
          "--format",
          "json",
        ],
        {
          HOME: home,
          SLS_TELEMETRY_DISABLED: "1",
          SLS_NOTIFICATIONS_MODE: "off",
        },
        root,
      );
      expect(await sls.exited, sls.output()).toBe(0);
      const printed = JSON.parse(sls.output().slice(sls.output().indexOf("{")));
      expect(printed.provider.ecr.images.gateway).toMatchObject({
        path: "./",
        file: "deploy/lambda-image/Dockerfile",
        platform: `linux/${printed.provider.architecture}`,
      });
      expect(printed.functions.api.image).toEqual({ name: "gateway" });
      expect(printed.functions.api.handler).toBeUndefined();
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  }, 30_000);
});
