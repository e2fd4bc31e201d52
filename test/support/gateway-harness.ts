import type { GatewayConfig } from "../../src/config.js";
import type { Transport } from "../../src/grpc/transport.js";
import { type RecordingUpstream, startRecordingUpstream } from "./recording-upstream.js";
import { serveGateway } from "./serve-gateway.js";

/**
 * The real thing end to end: the Hono app served over HTTP on 127.0.0.1, calling the recording upstream
 * through the node:http2 transport.
 */
export interface GatewayHarness {
  readonly upstream: RecordingUpstream;
  readonly baseUrl: string;
  readonly transport: Transport;
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** POST a JSON body; returns status, headers and the parsed JSON answer. */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<JsonResponse>;
  get(path: string, headers?: Record<string, string>): Promise<JsonResponse>;
  close(): Promise<void>;
}

export interface JsonResponse {
  status: number;
  headers: Headers;
  body: any;
}

export async function startGatewayHarness(overrides: Partial<GatewayConfig> = {}): Promise<GatewayHarness> {
  const upstream = await startRecordingUpstream();
  const { baseUrl, transport, close } = await serveGateway(upstream.url, overrides);
  const asJson = async (res: Response): Promise<JsonResponse> => {
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {}
    return { status: res.status, headers: res.headers, body };
  };
  const doFetch = (path: string, init?: RequestInit) => fetch(`${baseUrl}${path}`, init);
  return {
    upstream,
    baseUrl,
    transport,
    fetch: doFetch,
    post: async (path, body, headers) =>
      asJson(
        await doFetch(path, {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: typeof body === "string" ? body : JSON.stringify(body),
        }),
      ),
    get: async (path, headers) => asJson(await doFetch(path, { headers })),
    async close() {
      await close();
      await upstream.close();
    },
  };
}
