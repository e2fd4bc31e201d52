import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import { createApp } from "../../src/app.js";
import { defaultConfig, type GatewayConfig } from "../../src/config.js";
import { createHttp2Transport } from "../../src/grpc/http2/create-http2-transport.js";
import type { Transport } from "../../src/grpc/transport.js";

export interface ServedGateway {
  readonly baseUrl: string;
  readonly transport: Transport;
  /** Stops the HTTP server and closes the transport (the upstream is the caller's). */
  close(): Promise<void>;
}

/**
 * The real app served over HTTP on 127.0.0.1 (a free port), reaching `grpcUrl` through the production
 * node:http2 transport: what the test harnesses put in front of their upstreams.
 */
export async function serveGateway(
  grpcUrl: string,
  overrides: Partial<GatewayConfig> = {},
): Promise<ServedGateway> {
  const config = defaultConfig({ grpcUrl, ...overrides });
  const transport = createHttp2Transport({ url: grpcUrl, maxMessageBytes: config.limits.maxMessageBytes });
  const app = createApp({ transport, config });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    transport,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await transport.close();
    },
  };
}
