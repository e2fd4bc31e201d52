import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { encodeFrame, TRAILER } from "../../src/grpc/grpc-web/frames.js";
import { Code } from "../../src/grpc/status.js";
import type { MetadataReader } from "./auth.js";
import { BackendError, toBackendError } from "./backend-error.js";
import { connectError } from "./connect-codes.js";
import type { UnaryMethod } from "./dispatch.js";

export const GRPC_WEB_PREFIX = "/v1/grpc-web";
const MAX_BODY_BYTES = 104_858_000;
// What Weaviate's grpc-web CORS layer allows and exposes (adapters/handlers/grpc/grpcweb/server.go).
const ALLOW_HEADERS =
  "Content-Type, Authorization, X-Grpc-Web, X-User-Agent, Grpc-Timeout, Connect-Protocol-Version, Connect-Timeout-Ms, X-Weaviate-Client";
const EXPOSE_HEADERS = "Grpc-Status, Grpc-Message, Grpc-Status-Details-Bin";

export interface GrpcWebServer {
  /** "http://127.0.0.1:<port>/v1/grpc-web" */
  url: string;
  close(): Promise<void>;
}

/**
 * The HTTP/1.1 endpoint Weaviate 1.38.3+ mounts on its REST port: POST
 * `/v1/grpc-web/<package>.<Service>/<Method>` in the grpc-web protocol (`application/grpc-web[+proto]`:
 * 5-byte frames, flag 0x00 for the message and 0x80 for the trailer block, HTTP 200 always, the status in
 * the trailer block) or the Connect unary protocol (`application/proto` or `application/json`: the bare
 * message, errors as an HTTP status with a JSON body), with CORS. It serves the same dispatch table as the
 * native gRPC server.
 */
export async function startGrpcWebServer(options: {
  dispatch: Map<string, UnaryMethod>;
  host: string;
  port: number;
}): Promise<GrpcWebServer> {
  const server = createServer((req, res) => {
    handle(options.dispatch, req, res).catch((error) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${port}${GRPC_WEB_PREFIX}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(
  dispatch: Map<string, UnaryMethod>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const path = new URL(req.url ?? "/", "http://localhost").pathname;
  // Weaviate's default CORS_ALLOW_ORIGIN is "*", which its CORS layer answers as a literal "*".
  res.setHeader("Access-Control-Allow-Origin", "*");
  res.setHeader("Access-Control-Expose-Headers", EXPOSE_HEADERS);
  if (req.method === "GET" && (path === "/v1/.well-known/ready" || path === "/v1/.well-known/live")) {
    res.writeHead(200).end();
    return;
  }
  if (!path.startsWith(`${GRPC_WEB_PREFIX}/`)) {
    res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    return;
  }
  if (req.method === "OPTIONS") {
    res
      .writeHead(204, {
        "Access-Control-Allow-Methods": "POST",
        "Access-Control-Allow-Headers": req.headers["access-control-request-headers"] ?? ALLOW_HEADERS,
        "Access-Control-Max-Age": "7200",
      })
      .end();
    return;
  }
  if (req.method !== "POST") {
    res.writeHead(405, { allow: "POST" }).end();
    return;
  }
  const method = dispatch.get(path.slice(GRPC_WEB_PREFIX.length));
  const contentType = (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
  const body = await readBody(req);
  const metadata: MetadataReader = (key) => {
    const value = req.headers[key];
    return Array.isArray(value) ? value.join(", ") : value;
  };
  if (contentType === "application/grpc-web" || contentType === "application/grpc-web+proto") {
    grpcWeb(method, body, metadata, res);
  } else if (contentType === "application/proto" || contentType === "application/json") {
    connectUnary(method, body, contentType, metadata, res);
  } else {
    res.writeHead(415, { "content-type": "text/plain" }).end(`unsupported content-type "${contentType}"`);
  }
}

function grpcWeb(
  method: UnaryMethod | undefined,
  body: Uint8Array,
  metadata: MetadataReader,
  res: ServerResponse,
) {
  res.writeHead(200, { "content-type": "application/grpc-web+proto" });
  try {
    if (!method) throw new BackendError(Code.UNIMPLEMENTED, "unknown method");
    if (body.byteLength < 5) throw new BackendError(Code.INTERNAL, "grpc-web: request has no message frame");
    if (body[0] !== 0)
      throw new BackendError(Code.UNIMPLEMENTED, "grpc-web: compressed messages are not supported");
    const length = new DataView(body.buffer, body.byteOffset).getUint32(1);
    const request = method.decode(body.subarray(5, 5 + length));
    const reply = method.encode(method.call(request, metadata));
    res.write(encodeFrame(reply));
    res.end(encodeFrame(trailer(Code.OK, ""), TRAILER));
  } catch (error) {
    const { code, message } = toBackendError(error);
    res.end(encodeFrame(trailer(code, message), TRAILER));
  }
}

function connectUnary(
  method: UnaryMethod | undefined,
  body: Uint8Array,
  contentType: string,
  metadata: MetadataReader,
  res: ServerResponse,
) {
  try {
    if (!method) throw new BackendError(Code.UNIMPLEMENTED, "unknown method");
    const json = contentType === "application/json";
    let request: unknown;
    try {
      request = json ? method.fromJSON(JSON.parse(new TextDecoder().decode(body))) : method.decode(body);
    } catch (error) {
      throw new BackendError(Code.INVALID_ARGUMENT, `unmarshal request: ${(error as Error).message}`);
    }
    const reply = method.call(request, metadata);
    const out = json ? JSON.stringify(method.toJSON(reply)) : method.encode(reply);
    res.writeHead(200, { "content-type": contentType }).end(out);
  } catch (error) {
    const { code, message } = toBackendError(error);
    const { name, http } = connectError(code);
    res.writeHead(http, { "content-type": "application/json" }).end(JSON.stringify({ code: name, message }));
  }
}

function trailer(code: Code, message: string): Uint8Array {
  return new TextEncoder().encode(`grpc-status: ${code}\r\ngrpc-message: ${percentEncode(message)}\r\n`);
}

/** grpc-message is percent-encoded: bytes outside printable ASCII, and "%", as %XX (gRPC HTTP/2 spec). */
function percentEncode(message: string): string {
  let out = "";
  for (const byte of new TextEncoder().encode(message)) {
    out +=
      byte < 0x20 || byte > 0x7e || byte === 0x25
        ? `%${byte.toString(16).toUpperCase().padStart(2, "0")}`
        : String.fromCharCode(byte);
  }
  return out;
}

async function readBody(req: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).byteLength;
    if (size > MAX_BODY_BYTES) throw new Error("request body too large");
    chunks.push(chunk as Buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}
