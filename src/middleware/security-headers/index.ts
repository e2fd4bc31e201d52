export interface SecurityHeadersOptions {
  /** Strict-Transport-Security max-age in seconds; 0 leaves HSTS to whoever terminates TLS. */
  readonly hstsMaxAgeS?: number;
}

/** Headers an answer keeps when its route set them (the /docs page's CSP and caching). */
const ROUTE_MAY_SET: ReadonlySet<string> = new Set(["content-security-policy", "cache-control"]);

/**
 * Headers every response carries. API answers are JSON, never rendered: they get a CSP that allows
 * nothing and may not be framed or cached. Computed once; JSON answers are built with them
 * (http/json-answer.ts) and the observe middleware adds them to any other response (addSecurityHeaders).
 */
export function securityHeaderSet(options: SecurityHeadersOptions = {}): Readonly<Record<string, string>> {
  return Object.freeze({
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    ...(options.hstsMaxAgeS
      ? { "strict-transport-security": `max-age=${options.hstsMaxAgeS}; includeSubDomains` }
      : {}),
    "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
    "cache-control": "no-store",
  });
}

/**
 * Adds the set to a response built another way (problems, metrics, the docs page, streams). An HTML page
 * keeps its own CSP and caching, so it can load its script; a route's own CSP or caching is never
 * overwritten.
 */
export function addSecurityHeaders(headers: Headers, set: Readonly<Record<string, string>>): void {
  const html = (headers.get("content-type") ?? "").toLowerCase().startsWith("text/html");
  for (const name in set) {
    if (ROUTE_MAY_SET.has(name)) {
      if (!html && !headers.has(name)) headers.set(name, set[name]);
    } else {
      headers.set(name, set[name]);
    }
  }
}
