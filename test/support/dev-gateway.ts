import { type DevBackend, startDevBackend } from "../../dev/backend/grpc-server.js";
import type { GatewayConfig } from "../../src/config.js";
import { serveGateway } from "./serve-gateway.js";

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
  const gateway = await serveGateway(backend.grpcUrl, overrides);
  return {
    baseUrl: gateway.baseUrl,
    backend,
    async close() {
      await gateway.close();
      await backend.close();
    },
  };
}
