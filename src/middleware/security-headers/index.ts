import type { MiddlewareHandler } from "hono";

export interface SecurityHeadersOptions {
  /** Strict-Transport-Security max-age in seconds; 0 leaves HSTS to whoever terminates TLS. */
  readonly hstsMaxAgeS?: number;
}

/**
 * Headers every response carries. API answers are JSON, never rendered: they get a CSP that allows
 * nothing and may not be framed or cached. An HTML page (the /docs page) keeps its own CSP and caching,
 * so it can load its script; headers a route already set are never overwritten.
 */
export function securityHeaders(options: SecurityHeadersOptions = {}): MiddlewareHandler {
  const hsts = options.hstsMaxAgeS ? `max-age=${options.hstsMaxAgeS}; includeSubDomains` : undefined;
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    h.set("x-content-type-options", "nosniff");
    h.set("x-frame-options", "DENY");
    h.set("referrer-policy", "no-referrer");
    if (hsts) h.set("strict-transport-security", hsts);
    const html = (h.get("content-type") ?? "").toLowerCase().startsWith("text/html");
    if (!html) {
      if (!h.has("content-security-policy")) {
        h.set("content-security-policy", "default-src 'none'; frame-ancestors 'none'");
      }
      if (!h.has("cache-control")) h.set("cache-control", "no-store");
    }
  };
}
