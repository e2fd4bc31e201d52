import { serve } from "@hono/node-server";
import { createApp } from "../app.js";
import { ConfigError, loadConfig } from "../config.js";
import { createGrpcJsTransport } from "../grpc/grpc-js/create-grpc-js-transport.js";
import { createJsonLogger } from "../logger.js";

/** `npm start`: the gateway on Node, configured from the environment. */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const logger = createJsonLogger(config.logLevel);
  let grpcUrl = config.grpcUrl;
  let stopDevBackend: (() => Promise<void>) | undefined;
  if (!grpcUrl) {
    if (config.production) {
      console.error(
        "invalid configuration:\n  WEAVIATE_GRPC_URL: required in production (GATEWAY_ENV=production)",
      );
      process.exit(2);
    }
    // The development backend lives outside the runtime bundle; it is loaded only here, only when no
    // upstream is configured.
    const { startDevBackend } = await import("../../dev/backend/grpc-server.js");
    const dev = await startDevBackend({ port: 0 });
    grpcUrl = dev.grpcUrl;
    stopDevBackend = () => dev.close();
    logger.warn(
      `no WEAVIATE_GRPC_URL set: using the embedded development backend at ${grpcUrl} (in-memory, not for production)`,
    );
  }
  const transport = createGrpcJsTransport({ url: grpcUrl, maxMessageBytes: config.limits.maxMessageBytes });
  const app = createApp({ transport, config, logger });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    logger.info(`weaviate-rest-gateway listening on http://${info.address}:${info.port}`, {
      upstream: grpcUrl,
    });
  });
  const shutdown = async () => {
    server.close();
    await transport.close();
    await stopDevBackend?.();
    process.exit(0);
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
}

void main();
