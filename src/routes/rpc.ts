import { Hono } from "hono";
import { ApiError } from "../errors/api-error.js";
import type { Gateway } from "../gateway.js";
import { WEAVIATE_JSON_METHODS, WEAVIATE_SERVICE } from "../grpc/json-methods.js";
import { readJson } from "../http/read-body.js";

/**
 * `POST /v1/rpc/weaviate.v1.Weaviate/{Method}`: generic transcoding, as grpc-gateway and Envoy offer it.
 * The body is the request message in proto3 canonical JSON and the answer is the reply message the same
 * way (int64 as strings, bytes as base64, enums by name), so any unary RPC is reachable over HTTP, with
 * the same metadata policy, deadline, body limit and error mapping as every other route.
 */
export function rpcRoutes(gw: Gateway): Hono {
  return new Hono().post(`/v1/rpc/${WEAVIATE_SERVICE}/:method`, async (c) => {
    const name = c.req.param("method");
    const rpc = WEAVIATE_JSON_METHODS.get(name);
    if (!rpc) {
      const known = [...WEAVIATE_JSON_METHODS.keys()].join(", ");
      throw ApiError.notFound(`${WEAVIATE_SERVICE} has no unary method ${name}; use one of ${known}`);
    }
    const json = await readJson(c.req.raw, gw.config.limits.maxBodyBytes);
    const request = decodeJson(rpc.fromJSON, json);
    checkEncodable(rpc.method.requestType, request);
    const reply = await gw.call(rpc.method, request, {
      request: c.req.raw,
      timeoutMs: rpc.writes ? gw.config.timeouts.batchMs : undefined,
    });
    return new Response(stringifyJson(rpc.toJSON(reply)), {
      headers: { "content-type": "application/json" },
    });
  });
}

/** fromJSON is lenient about unknown fields but throws on values it cannot read (`BigInt("x")`). */
function decodeJson(fromJSON: (json: unknown) => unknown, json: unknown): unknown {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw ApiError.badRequest("the body must be a JSON object: the request message in proto3 JSON", [
      { path: "(body)", message: "must be a JSON object" },
    ]);
  }
  try {
    return fromJSON(json);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw ApiError.badRequest(`the body is not a valid request message in proto3 JSON: ${message}`, [
      { path: "(body)", message },
    ]);
  }
}

/**
 * fromJSON accepts values the wire cannot carry (NaN or 2^40 in a uint32 field); protobuf's writer then
 * throws inside the transport, which would surface as a 500. Encoding once here makes it the caller's 400.
 */
function checkEncodable(codec: { encode(message: never): { finish(): Uint8Array } }, request: unknown): void {
  try {
    codec.encode(request as never).finish();
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw ApiError.badRequest(`the request message cannot be encoded: ${message}`, [
      { path: "(body)", message },
    ]);
  }
}

/**
 * toJSON already renders int64 as decimal strings (proto3 JSON), but a bigint anywhere else (a map value,
 * a future field) would make JSON.stringify throw and turn a good reply into a 500.
 */
function stringifyJson(value: unknown): string {
  return JSON.stringify(value ?? {}, (_key, v) => (typeof v === "bigint" ? v.toString() : v));
}
