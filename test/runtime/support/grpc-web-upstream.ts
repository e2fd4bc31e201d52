import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Status } from "../../../src/gen/google/rpc/status.js";
import {
  HealthCheckResponse_ServingStatus,
  HealthDefinition,
} from "../../../src/gen/grpc/health/v1/health.js";
import { WeaviateDefinition } from "../../../src/gen/v1/weaviate.js";
import { Code } from "../../../src/grpc/status.js";
import type { MessageCodec } from "../../../src/grpc/transport.js";
import { type Responder, StatusError } from "../../support/recording-upstream.js";

/**
 * A minimal stand-in for Weaviate's `/v1/grpc-web/` endpoint (vanguard transcoder, weaviate-wire.md §7):
 * a node:http server on 127.0.0.1 that speaks gRPC-Web (binary frames plus a trailer frame) and Connect
 * unary, decoding with our generated codecs. Scripted like the recording gRPC upstream.
 */

export interface WebCall {
  readonly method: string;
  readonly protocol: "grpc-web" | "connect";
  readonly request: unknown;
  readonly headers: Record<string, string | string[] | undefined>;
}

export interface GrpcWebUpstream {
  /** e.g. http://127.0.0.1:PORT/v1/grpc-web */
  readonly url: string;
  readonly calls: WebCall[];
  on(method: string, responder: Responder): void;
  /** Replace protocol handling entirely, for malformed or foreign replies. */
  raw(handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined): void;
  /** gRPC-Web errors in HTTP headers (trailers-only, the default) or in a trailer frame. */
  errorsIn: "headers" | "trailer";
  reset(): void;
  close(): Promise<void>;
}

interface Method {
  name: string;
  requestType: MessageCodec<unknown>;
  responseType: MessageCodec<unknown> & { fromPartial(o: unknown): unknown };
}

const METHODS = new Map<string, Method>();
for (const service of [WeaviateDefinition, HealthDefinition]) {
  for (const m of Object.values(service.methods) as unknown as Method[]) {
    METHODS.set(`/${service.fullName}/${m.name}`, m);
  }
}

/** Connect's code → HTTP table (connectrpc.com/docs/protocol, "Error codes"). */
const CONNECT_HTTP: Partial<Record<Code, number>> = {
  [Code.CANCELLED]: 499,
  [Code.INVALID_ARGUMENT]: 400,
  [Code.DEADLINE_EXCEEDED]: 504,
  [Code.NOT_FOUND]: 404,
  [Code.ALREADY_EXISTS]: 409,
  [Code.PERMISSION_DENIED]: 403,
  [Code.RESOURCE_EXHAUSTED]: 429,
  [Code.FAILED_PRECONDITION]: 400,
  [Code.UNIMPLEMENTED]: 501,
  [Code.UNAVAILABLE]: 503,
  [Code.UNAUTHENTICATED]: 401,
};

export function frame(payload: Uint8Array, flags = 0): Buffer {
  const header = Buffer.alloc(5);
  header.writeUInt8(flags, 0);
  header.writeUInt32BE(payload.byteLength, 1);
  return Buffer.concat([header, payload]);
}

export async function startGrpcWebUpstream(): Promise<GrpcWebUpstream> {
  const calls: WebCall[] = [];
  const responders = new Map<string, Responder>();
  let rawHandler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;

  const server = createServer(async (req, res) => {
    if (rawHandler) return rawHandler(req, res);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const prefix = "/v1/grpc-web";
    const method = req.url?.startsWith(prefix) ? METHODS.get(req.url.slice(prefix.length)) : undefined;
    if (req.method !== "POST" || !method) {
      res.writeHead(404, { "content-type": "text/plain" }).end("404 page not found");
      return;
    }
    const grpcWeb = (req.headers["content-type"] ?? "").startsWith("application/grpc-web");
    const message = grpcWeb ? body.subarray(5, 5 + body.readUInt32BE(1)) : body;
    const request = method.requestType.decode(message);
    const call: WebCall = {
      method: method.name,
      protocol: grpcWeb ? "grpc-web" : "connect",
      request,
      headers: req.headers,
    };
    calls.push(call);
    const responder = responders.get(method.name) ?? defaultResponder(method.name);
    try {
      const reply = method.responseType
        .encode(method.responseType.fromPartial((await responder(request, call as never)) ?? {}))
        .finish();
      if (grpcWeb) {
        res.writeHead(200, { "content-type": "application/grpc-web+proto" });
        res.end(
          Buffer.concat([frame(reply), frame(Buffer.from("grpc-status: 0\r\ngrpc-message: \r\n"), 0x80)]),
        );
      } else {
        res.writeHead(200, { "content-type": "application/proto" }).end(reply);
      }
    } catch (error) {
      const code = error instanceof StatusError ? error.code : Code.INTERNAL;
      const text = (error as Error).message;
      const details = error instanceof StatusError ? error.statusDetails : undefined;
      if (grpcWeb) {
        const status: Record<string, string> = {
          "grpc-status": String(code),
          "grpc-message": encodeURIComponent(text),
        };
        if (details) status["grpc-status-details-bin"] = Buffer.from(details).toString("base64");
        if (upstream.errorsIn === "headers") {
          res.writeHead(200, { "content-type": "application/grpc-web+proto", ...status }).end();
        } else {
          const block = Object.entries(status)
            .map(([k, v]) => `${k}: ${v}\r\n`)
            .join("");
          res.writeHead(200, { "content-type": "application/grpc-web+proto" });
          res.end(frame(Buffer.from(block), 0x80));
        }
      } else {
        const connectDetails = details
          ? (Status.decode(details).details ?? []).map((d) => ({
              type: (d.typeUrl ?? "").replace(/^type\.googleapis\.com\//, ""),
              value: Buffer.from(d.value ?? new Uint8Array())
                .toString("base64")
                .replace(/=+$/, ""),
            }))
          : undefined;
        res.writeHead(CONNECT_HTTP[code] ?? 500, { "content-type": "application/json" });
        res.end(JSON.stringify({ code: Code[code].toLowerCase(), message: text, details: connectDetails }));
      }
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const upstream: GrpcWebUpstream = {
    url: `http://127.0.0.1:${port}/v1/grpc-web`,
    calls,
    errorsIn: "headers",
    on: (name, responder) => void responders.set(name, responder),
    raw: (handler) => {
      rawHandler = handler;
    },
    reset() {
      calls.length = 0;
      responders.clear();
      rawHandler = undefined;
      upstream.errorsIn = "headers";
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return upstream;
}

function defaultResponder(method: string): Responder {
  if (method === "Check") return () => ({ status: HealthCheckResponse_ServingStatus.SERVING });
  return () => ({});
}
