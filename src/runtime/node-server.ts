import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";

export interface NodeServerOptions {
  /** The app's fetch; `env` carries the Node request and response (`incoming`, `outgoing`) to the app. */
  readonly fetch: (request: Request, env: unknown) => Response | Promise<Response>;
  readonly port: number;
  readonly host: string;
  readonly keepAliveTimeoutMs: number;
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
}

export interface NodeServer {
  readonly address: AddressInfo;
  /** True once shutdown began: /readyz answers 503 so load balancers stop sending. */
  readonly draining: boolean;
  /**
   * Stops accepting, lets in-flight requests finish for up to `timeoutMs`, then cuts what is left.
   * Resolves with the number of requests that were cut.
   */
  shutdown(timeoutMs: number): Promise<number>;
}

/** The HTTP/1.1 server of the container image, with the timeouts a server behind a proxy needs. */
export function startNodeServer(options: NodeServerOptions): Promise<NodeServer> {
  let draining = false;
  let active = 0;
  const server = serve({
    fetch: options.fetch,
    port: options.port,
    hostname: options.host,
    serverOptions: {
      keepAliveTimeout: options.keepAliveTimeoutMs,
      headersTimeout: options.headersTimeoutMs,
      requestTimeout: options.requestTimeoutMs,
    },
  }) as Server;
  server.on("request", (_req, res) => {
    active++;
    res.once("close", () => {
      active--;
      // A keep-alive connection that just finished its request must not wait for another one.
      if (draining) setImmediate(() => server.closeIdleConnections());
    });
  });

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.once("listening", () => {
      server.off("error", reject);
      resolve({
        address: server.address() as AddressInfo,
        get draining() {
          return draining;
        },
        async shutdown(timeoutMs) {
          draining = true;
          const closed = new Promise<void>((r) => server.close(() => r()));
          server.closeIdleConnections();
          let timer: NodeJS.Timeout | undefined;
          const timedOut = new Promise<"timeout">((r) => {
            timer = setTimeout(() => r("timeout"), timeoutMs);
          });
          const outcome = await Promise.race([closed, timedOut]);
          clearTimeout(timer);
          const cut = outcome === "timeout" ? active : 0;
          server.closeAllConnections();
          await closed;
          return cut;
        },
      });
    });
  });
}
