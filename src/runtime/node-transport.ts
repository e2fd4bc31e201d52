import type { GatewayConfig } from "../config.js";
import { createGrpcWebTransport, type WebProtocol } from "../grpc/grpc-web/create-grpc-web-transport.js";
import { createHttp2Transport, type Http2TransportOptions } from "../grpc/http2/create-http2-transport.js";
import type { Transport } from "../grpc/transport.js";

export interface NodeTransport {
  readonly transport: Transport;
  /** What to log as the upstream. */
  readonly upstream: string;
}

/**
 * Node and Lambda can speak both: native gRPC over HTTP/2 when WEAVIATE_GRPC_URL is set (it wins when both
 * are), otherwise gRPC-Web/Connect over fetch for networks where the gRPC port is closed. The Worker does
 * not import this file, so node:http2 never reaches its bundle.
 */
export function createNodeTransport(
  config: GatewayConfig,
  web: { protocol: WebProtocol },
  http2: Partial<Http2TransportOptions> = {},
): NodeTransport {
  if (config.grpcUrl) {
    return {
      transport: createHttp2Transport({
        ...http2,
        url: config.grpcUrl,
        maxMessageBytes: config.limits.maxMessageBytes,
      }),
      upstream: config.grpcUrl,
    };
  }
  if (config.grpcWebUrl) {
    return {
      transport: createGrpcWebTransport({
        baseUrl: config.grpcWebUrl,
        protocol: web.protocol,
        maxMessageBytes: config.limits.maxMessageBytes,
      }),
      upstream: `${config.grpcWebUrl} (${web.protocol})`,
    };
  }
  throw new Error("no upstream: set WEAVIATE_GRPC_URL or WEAVIATE_GRPC_WEB_URL");
}
