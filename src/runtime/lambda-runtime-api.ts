import { Agent, type IncomingHttpHeaders, request } from "node:http";
import type { LambdaContext, LambdaEvent } from "hono/aws-lambda";
import type { Env } from "../config.js";
import type { Logger } from "../logger.js";
import type { LambdaHandler } from "./lambda-handler.js";

/**
 * A client of the AWS Lambda Runtime API (docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html), for the
 * container image, whose process is its own runtime: it asks for the next event, runs the handler and posts
 * the result, one invocation at a time, for as long as the execution environment lives. The managed Node
 * runtime does this for the .zip deployment, but it cannot start Node from a startup snapshot.
 *
 * Written here rather than taken from `aws-lambda-ric`: that package is a native addon (built with node-gyp
 * at install time) whose JavaScript part loads handlers by file name, and this is four HTTP calls.
 */
export interface RuntimeApi {
  /**
   * Serves invocations until the Runtime API fails (it answers 500, which AWS defines as non-recoverable,
   * or the connection to it fails): then rejects, and the process should exit.
   */
  serve(handler: LambdaHandler): Promise<never>;
  /** Reports a failed INIT phase; Lambda then discards the environment. */
  initError(error: unknown): Promise<void>;
  /**
   * Reports an error that escaped the handler (an uncaught exception), before the process exits: as the
   * running invocation's error, or as the INIT phase's before serving began. Between invocations there is
   * nobody to tell (the process's exit is Lambda's news).
   */
  crash(error: unknown): Promise<void>;
}

const VERSION = "2018-06-01";

interface Reply {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** The Runtime API said the environment cannot go on (500) or could not be reached. */
class RuntimeApiFailure extends Error {}

/** `address` is AWS_LAMBDA_RUNTIME_API: "host:port". */
export function createRuntimeApi(address: string, env: Env, logger: Logger): RuntimeApi {
  const colon = address.lastIndexOf(":");
  const host = address.slice(0, colon).replace(/^\[|\]$/g, "");
  const port = Number(address.slice(colon + 1));
  if (colon < 1 || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`AWS_LAMBDA_RUNTIME_API must be host:port, got ${JSON.stringify(address)}`);
  }
  // One connection, kept open: the next-event request waits on it while the environment is frozen.
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  /** The invocation being handled, if any. */
  let current: string | undefined;
  /** Whether the INIT phase is over (serving has begun). */
  let serving = false;

  const send = (method: "GET" | "POST", path: string, body?: string, headers?: Record<string, string>) =>
    new Promise<Reply>((resolve, reject) => {
      const req = request(
        {
          host,
          port,
          method,
          path: `/${VERSION}/runtime/${path}`,
          agent,
          headers:
            body === undefined
              ? headers
              : { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString("utf8"),
            }),
          );
          res.on("error", reject);
        },
      );
      req.on("error", (error: NodeJS.ErrnoException) =>
        reject(Object.assign(error, { retry: req.reusedSocket && error.code === "ECONNRESET" })),
      );
      req.end(body);
    });

  /**
   * One call, tried again once when a kept-alive connection turned out to be closed (Node's advice for
   * reused sockets); a 500 or a failed connection is a RuntimeApiFailure.
   */
  const call = async (...args: Parameters<typeof send>): Promise<Reply> => {
    let reply: Reply;
    try {
      reply = await send(...args).catch((error: { retry?: boolean }) =>
        error.retry ? send(...args) : Promise.reject(error),
      );
    } catch (error) {
      throw new RuntimeApiFailure(`the Runtime API could not be reached: ${String(error)}`);
    }
    if (reply.status >= 500) throw new RuntimeApiFailure(`the Runtime API answered ${reply.status}`);
    return reply;
  };

  /** Only the error's name and message leave the process: Lambda may show them to the caller. */
  const report = async (path: string, error: unknown) => {
    const name = error instanceof Error ? error.name : "";
    // The type goes into a header too: a name that is not a plain identifier is sent as "Error".
    const errorType = /^[\w.]{1,100}$/.test(name) ? name : "Error";
    const errorMessage = error instanceof Error ? error.message : String(error);
    const reply = await call("POST", path, JSON.stringify({ errorType, errorMessage }), {
      "lambda-runtime-function-error-type": errorType,
    });
    if (reply.status !== 202)
      logger.error("the Runtime API refused an error report", { status: reply.status });
  };

  const invoke = async (handler: LambdaHandler, next: Reply) => {
    const id = single(next.headers["lambda-runtime-aws-request-id"]);
    if (!id)
      throw new RuntimeApiFailure("the Runtime API sent an event without Lambda-Runtime-Aws-Request-Id");
    current = id;
    const deadline = Number(single(next.headers["lambda-runtime-deadline-ms"]));
    // X-Ray reads the current invocation's trace header from the environment.
    const trace = single(next.headers["lambda-runtime-trace-id"]);
    if (trace) process.env._X_AMZN_TRACE_ID = trace;
    else delete process.env._X_AMZN_TRACE_ID;
    const context = invocationContext(env, id, next.headers, deadline);
    let body: string;
    try {
      const result = await handler(JSON.parse(next.body) as LambdaEvent, context);
      body = JSON.stringify(result ?? null);
    } catch (error) {
      logger.error("invocation failed", { awsRequestId: id, error: String(error) });
      await report(`invocation/${id}/error`, error);
      current = undefined;
      return;
    }
    const posted = await call("POST", `invocation/${id}/response`, body);
    current = undefined;
    // 413: over the payload limit (capResponse keeps results under it), which Lambda reports to the caller
    // itself; 400 or 403: the invocation is no longer open. Either way it is over: log it and go on.
    if (posted.status !== 202) {
      logger.error("the Runtime API refused the response", { awsRequestId: id, status: posted.status });
    }
  };

  return {
    async serve(handler) {
      serving = true;
      for (;;) {
        const next = await call("GET", "invocation/next");
        if (next.status !== 200) throw new RuntimeApiFailure(`the Runtime API answered ${next.status}`);
        await invoke(handler, next);
      }
    },
    initError: (error) => report("init/error", error),
    async crash(error) {
      if (current) await report(`invocation/${current}/error`, error);
      else if (!serving) await report("init/error", error);
    },
  };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The context object the managed runtime passes, from the environment and the event's headers. */
function invocationContext(
  env: Env,
  awsRequestId: string,
  headers: IncomingHttpHeaders,
  deadlineMs: number,
): LambdaContext {
  const json = (name: string) => {
    const text = single(headers[name]);
    if (!text) return undefined;
    try {
      return JSON.parse(text);
    } catch {
      return undefined;
    }
  };
  return {
    awsRequestId,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME ?? "",
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION ?? "$LATEST",
    invokedFunctionArn: single(headers["lambda-runtime-invoked-function-arn"]) ?? "",
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? "",
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME ?? "",
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME ?? "",
    identity: json("lambda-runtime-cognito-identity"),
    clientContext: json("lambda-runtime-client-context"),
    callbackWaitsForEmptyEventLoop: false,
    // Without a deadline header (never from Lambda) the invocation is not cut short by the gateway.
    getRemainingTimeInMillis: () =>
      Number.isFinite(deadlineMs) ? deadlineMs - Date.now() : Number.POSITIVE_INFINITY,
  } as LambdaContext;
}
