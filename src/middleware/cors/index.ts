import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";

/**
 * CORS for browsers calling the gateway directly. Off (no headers, preflights refused) unless origins are
 * configured; then only those origins get Access-Control-Allow-Origin. No credentials mode: callers
 * send a key header, never cookies. Requested headers are echoed in preflights: what actually travels
 * upstream is still decided by the metadata allow-list.
 */
export function corsPolicy(origins: readonly string[]): MiddlewareHandler {
  if (!origins.length) return async (_c, next) => next();
  const any = origins.includes("*");
  return cors({
    origin: any ? "*" : (origin) => (origins.includes(origin.toLowerCase()) ? origin : null),
    allowMethods: ["GET", "POST", "DELETE", "OPTIONS"],
    exposeHeaders: ["x-request-id", "retry-after", "www-authenticate"],
    maxAge: 600,
  });
}
