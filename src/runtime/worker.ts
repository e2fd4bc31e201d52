import type { Hono } from "hono";
import { createApp } from "../app.js";
import { ConfigError, loadConfig } from "../config.js";
import { ApiError, PROBLEM_TYPES } from "../errors/api-error.js";
import { renderProblem } from "../errors/render-problem.js";
import { createGrpcWebTransport } from "../grpc/grpc-web/create-grpc-web-transport.js";
import { createJsonLogger } from "../logger.js";
import { loadRuntimeEnv } from "./runtime-env.js";

/** Vars and secrets from wrangler.toml / `wrangler secret put`; other bindings are ignored. */
type Bindings = Record<string, unknown>;

function build(env: Bindings): Hono {
  const vars = Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => typeof e[1] === "string"),
  );
  const config = loadConfig(vars);
  const runtime = loadRuntimeEnv(vars);
  if (!config.grpcWebUrl) {
    // Workers' fetch speaks HTTP/1.1 to origins without trailers, and http2.connect is not implemented,
    // so native gRPC is impossible here (toolchain.md).
    throw new ConfigError([
      "WEAVIATE_GRPC_WEB_URL: required on Cloudflare Workers, e.g. https://weaviate.example.com/v1/grpc-web (Weaviate 1.38.3 or later)",
    ]);
  }
  const transport = createGrpcWebTransport({
    baseUrl: config.grpcWebUrl,
    protocol: runtime.WEAVIATE_GRPC_WEB_PROTOCOL,
    maxMessageBytes: config.limits.maxMessageBytes,
    // Bound to the global: Workers reject a fetch called with another `this`.
    fetch: (input, init) => fetch(input, init),
  });
  return createApp({ transport, config, logger: createJsonLogger(config.logLevel) });
}

let cached: { env: Bindings; app: Hono } | undefined;

/** The Cloudflare Workers entry: the app is built once per isolate from its bindings. */
export default {
  fetch(request: Request, env: Bindings, ctx: unknown): Response | Promise<Response> {
    try {
      if (cached?.env !== env) cached = { env, app: build(env) };
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      console.error(error.message);
      return renderProblem(
        new ApiError({
          status: 500,
          title: "Gateway misconfigured",
          detail: error.problems.join("; "),
          type: PROBLEM_TYPES.internal,
        }),
      );
    }
    return cached.app.fetch(request, env, ctx as never);
  },
};
