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
 * trusted: anyone could rotate them to dodge a limit. Undefined when the platform says nothing (Lambda
 * behind an ALB, an app called without a platform).
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

/**
 * Who a per-client limit counts: the peer address, with an IPv6 client counted by its /64 (one host is
 * usually given a whole /64, so counting single addresses would let it rotate past any limit) and an
 * IPv4-mapped IPv6 address as the IPv4 address it is. Clients whose address the platform does not give
 * share one "unknown" budget.
 */
export function clientKey(c: Context): string {
  const address = peerAddress(c);
  return address === undefined ? "unknown" : addressKey(address);
}

export function addressKey(address: string): string {
  if (!address.includes(":")) return address;
  const bare = address.split("%")[0].toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare);
  if (mapped) return mapped[1];
  const [head, tail] = bare.split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail === undefined ? [] : tail ? tail.split(":") : [];
  // An embedded IPv4 tail (a.b.c.d) is two groups; only the first four groups matter here anyway.
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups =
    tail === undefined
      ? headGroups
      : [...headGroups, ...Array(Math.max(0, missing)).fill("0"), ...tailGroups];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
