import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * The AWS Lambda Runtime API (docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html) on 127.0.0.1, as the
 * Lambda service serves it to a container image's process: events are handed out on
 * `GET /2018-06-01/runtime/invocation/next` one at a time, and each invocation ends with a POST of its
 * response or error. Tests and the benchmark run the Lambda image's process against it (AWS's runtime
 * interface emulator is a Go binary that no registry here carries).
 */
export interface RuntimeApiEmulator {
  /** AWS_LAMBDA_RUNTIME_API for the process under test. */
  readonly address: string;
  /** Queues an event; resolves with what the runtime posted for it. */
  invoke(event: unknown, options?: InvokeOptions): Promise<Outcome>;
  /** Resolves when the runtime reports a failed INIT phase. */
  readonly initError: Promise<Posted>;
  /** Resolves when the runtime first asks for an event: the end of its INIT phase. */
  readonly ready: Promise<void>;
  /** Every call the runtime made, in order: "next", "response <id>", "error <id>", "init/error". */
  readonly calls: readonly string[];
  /** The next POST of a response or error is answered with this status, and settles nothing. */
  failNextPost(status: number): void;
  close(): Promise<void>;
}

export interface InvokeOptions {
  /** Default: 30 s from now. */
  readonly deadlineMs?: number;
  readonly traceId?: string;
  /** More Lambda-Runtime-* headers, such as lambda-runtime-client-context. */
  readonly headers?: Record<string, string>;
}

export interface Posted {
  readonly body: unknown;
  readonly headers: IncomingMessage["headers"];
}

export type Outcome = ({ readonly kind: "response" } | { readonly kind: "error" }) & Posted;

/** Lambda refuses a buffered response over 6 MB with 413. */
const RESPONSE_LIMIT = 6 * 1024 * 1024;
const PREFIX = "/2018-06-01/runtime/";

export async function startRuntimeApiEmulator(): Promise<RuntimeApiEmulator> {
  const queue: { id: string; event: unknown; options: InvokeOptions }[] = [];
  const pending = new Map<string, (outcome: Outcome) => void>();
  let waiting: ServerResponse | undefined;
  let sequence = 0;
  const calls: string[] = [];
  let failPost: number | undefined;
  let onInitError!: (posted: Posted) => void;
  const initError = new Promise<Posted>((resolve) => {
    onInitError = resolve;
  });
  let onReady!: () => void;
  const ready = new Promise<void>((resolve) => {
    onReady = resolve;
  });

  const handOut = () => {
    const next = waiting && queue.shift();
    if (!next || !waiting) return;
    const res = waiting;
    waiting = undefined;
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "lambda-runtime-aws-request-id": next.id,
      "lambda-runtime-deadline-ms": String(next.options.deadlineMs ?? Date.now() + 30_000),
      "lambda-runtime-invoked-function-arn": "arn:aws:lambda:us-east-1:123456789012:function:gateway",
    };
    if (next.options.traceId) headers["lambda-runtime-trace-id"] = next.options.traceId;
    res.writeHead(200, { ...headers, ...next.options.headers }).end(JSON.stringify(next.event));
  };

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const path = req.url?.startsWith(PREFIX) ? req.url.slice(PREFIX.length) : "";
    const posted = (): Posted => ({
      body: raw.length ? JSON.parse(raw.toString("utf8")) : undefined,
      headers: req.headers,
    });
    if (req.method === "GET" && path === "invocation/next") {
      calls.push("next");
      onReady();
      waiting = res;
      handOut();
      return;
    }
    if (req.method === "POST" && path === "init/error") {
      calls.push("init/error");
      onInitError(posted());
      res.writeHead(202).end('{"status":"OK"}');
      return;
    }
    const match = /^invocation\/([^/]+)\/(response|error)$/.exec(path);
    if (match && req.method === "POST") calls.push(`${match[2]} ${match[1]}`);
    if (match && failPost !== undefined) {
      res.writeHead(failPost, { "content-type": "application/json" }).end('{"errorType":"Injected"}');
      failPost = undefined;
      return;
    }
    const settle = match && req.method === "POST" ? pending.get(match[1]) : undefined;
    if (!match || !settle) {
      // An unknown id, or an invocation already answered.
      res.writeHead(400, { "content-type": "application/json" }).end('{"errorType":"InvalidRequestID"}');
      return;
    }
    pending.delete(match[1]);
    if (match[2] === "response" && raw.length > RESPONSE_LIMIT) {
      // Lambda fails the invocation itself; the response is over.
      settle({
        kind: "error",
        body: { errorType: "Function.ResponseSizeTooLarge", errorMessage: "Response payload size exceeded" },
        headers: req.headers,
      });
      res.writeHead(413, { "content-type": "application/json" }).end('{"errorType":"RequestEntityTooLarge"}');
      return;
    }
    settle({ kind: match[2] as "response" | "error", ...posted() });
    res.writeHead(202).end('{"status":"OK"}');
  });
  // The Runtime API keeps its connection open however long an invocation runs.
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    address: `127.0.0.1:${port}`,
    invoke(event, options = {}) {
      const id = `request-${++sequence}`;
      const outcome = new Promise<Outcome>((resolve) => pending.set(id, resolve));
      queue.push({ id, event, options });
      handOut();
      return outcome;
    },
    initError,
    ready,
    calls,
    failNextPost(status) {
      failPost = status;
    },
    close: () =>
      new Promise<void>((resolve) => {
        // The environment shuts down: a runtime waiting for an event sees its connection end.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
