import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import { type DevBackend, startDevBackend } from "../../dev/backend/grpc-server.js";
import { createApp } from "../../src/app.js";
import { defaultConfig, type GatewayConfig } from "../../src/config.js";
import { createHttp2Transport } from "../../src/grpc/http2/create-http2-transport.js";

/**
 * The gateway on 127.0.0.1 in front of the in-memory development backend: real writes and searches,
 * for tests that play a user (the browser, the CLI, the example scripts).
 */
export interface DevGateway {
  readonly baseUrl: string;
  readonly backend: DevBackend;
  close(): Promise<void>;
}

export async function startDevGateway(overrides: Partial<GatewayConfig> = {}): Promise<DevGateway> {
  const backend = await startDevBackend({ port: 0 });
  const config = defaultConfig({ grpcUrl: backend.grpcUrl, ...overrides });
  const transport = createHttp2Transport({
    url: backend.grpcUrl,
    maxMessageBytes: config.limits.maxMessageBytes,
  });
  const app = createApp({ transport, config });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    backend,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await transport.close();
      await backend.close();
    },
  };
}
