import type { Context } from "hono";

/** Cloudflare sets CF-Connecting-IP itself (a client's own value is replaced); elsewhere it is client input. */
const ON_WORKERS =
  (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent === "Cloudflare-Workers";

interface PlatformEnv {
  /** Node (@hono/node-server): the request's socket. */
  incoming?: { socket?: { remoteAddress?: string } };
  /** Lambda (hono/aws-lambda): API Gateway's view of the caller, HTTP API (2.0) or REST API (1.0). */
  event?: { requestContext?: { http?: { sourceIp?: string }; identity?: { sourceIp?: string } } };
}

/**
 * The client's address as the platform vouches for it: the socket on Node, API Gateway's `sourceIp` on
 * Lambda, `CF-Connecting-IP` on Workers only. Client-set headers such as X-Forwarded-For are never
 * trusted: anyone could rotate them to dodge a limit. Undefined when the platform says nothing.
 */
export function peerAddress(c: Context): string | undefined {
  const env = c.env as PlatformEnv | undefined;
  return (
    env?.incoming?.socket?.remoteAddress ??
    env?.event?.requestContext?.http?.sourceIp ??
    env?.event?.requestContext?.identity?.sourceIp ??
    (ON_WORKERS ? c.req.header("cf-connecting-ip") : undefined)
  );
}
