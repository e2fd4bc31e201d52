import type { MiddlewareHandler } from "hono";
import type { ApiKeySpec } from "../../auth/api-keys.js";
import { createKeyring } from "../../auth/keyring.js";
import { ApiError, PROBLEM_TYPES } from "../../errors/api-error.js";
import { clientKey } from "../peer-address.js";
import { peekState, stateOf } from "../request-state.js";
import { createFailureLimit } from "./failure-limit.js";

export type AuthMode = "keys" | "passthrough" | "open";

export interface AuthSettings {
  readonly mode: AuthMode;
  readonly keys: readonly ApiKeySpec[];
  /**
   * Wrong keys a client address may present per minute (AUTH_FAILURE_LIMIT), as a burst earned back at
   * that rate; past it, keys it has not used successfully itself get 429 unchecked. 0 turns it off.
   */
  readonly failuresPerMinute?: number;
}

export const DEFAULT_AUTH_FAILURES_PER_MINUTE = 10;

export const API_KEY_HEADER = "x-api-key";

/** Paths anyone may call: probes and the API description (they touch no data). */
export const PUBLIC_PATHS: ReadonlySet<string> = new Set(["/healthz", "/readyz", "/openapi.json", "/docs"]);

/** The gateway key that authenticated this request (its scope is checked before every upstream call). */
export function principalOf(request: Request): ApiKeySpec | undefined {
  return peekState(request)?.principal;
}

/**
 * Attaches a principal to a request authenticated another way (a signed webhook acting with a
 * configured scope), so the gateway's scope check applies to it like to a key.
 */
export function setPrincipal(request: Request, key: ApiKeySpec): void {
  stateOf(request).principal = key;
}

/** Whether requests must carry a gateway key (keys mode, or passthrough with keys configured). */
export function requiresKey(auth: AuthSettings): boolean {
  return auth.mode !== "open" && auth.keys.length > 0;
}

/**
 * Authenticates every request outside PUBLIC_PATHS with a gateway key, `Authorization: Bearer <key>` or
 * `X-API-Key: <key>`. In passthrough mode Authorization belongs to Weaviate, so only X-API-Key counts.
 * 401 without a valid key; what the key may do is checked later, against the exact upstream call
 * (gateway.ts), so a scope error (403) can name the collection or tenant.
 *
 * Guessing is limited per client address (failure-limit.ts; the address the platform vouches for,
 * peer-address.ts): the request rate limit cannot do it, as it runs after authentication, keyed by who
 * the key says the client is.
 */
export function auth(settings: AuthSettings, now: () => number = Date.now): MiddlewareHandler {
  if (!requiresKey(settings)) return async (_c, next) => next();
  const keyring = createKeyring(settings.keys);
  const perMinute = settings.failuresPerMinute ?? DEFAULT_AUTH_FAILURES_PER_MINUTE;
  const limit = perMinute > 0 ? createFailureLimit(perMinute, now) : undefined;
  return async (c, next) => {
    if (PUBLIC_PATHS.has(c.req.path) || c.req.method === "OPTIONS") return next();
    const presented = presentedKey(c.req.raw.headers, settings.mode);
    if (!presented) throw unauthorized("this API needs a key: send Authorization: Bearer <key> or X-API-Key");
    const client = limit ? clientKey(c) : "";
    // A key that verified before is known without an await: most requests come from a few clients.
    let key = keyring.remembered(presented);
    if (!key || (limit && !limit.admits(client, key.name))) {
      const waitMs = limit ? limit.attempt(client) : 0;
      if (waitMs > 0) throw tooManyFailures(waitMs);
      key = await keyring.verify(presented);
      if (!key) throw unauthorized("the API key is not valid");
      limit?.succeeded(client, key.name);
    }
    stateOf(c.req.raw).principal = key;
    return next();
  };
}

function tooManyFailures(waitMs: number): ApiError {
  return new ApiError({
    status: 429,
    title: "Too many failed authentications",
    detail: "too many invalid API keys from this address; retry later",
    type: PROBLEM_TYPES.rateLimited,
    headers: { "retry-after": String(Math.max(1, Math.ceil(waitMs / 1000))) },
  });
}

function presentedKey(headers: Headers, mode: AuthMode): string | undefined {
  const header = headers.get(API_KEY_HEADER)?.trim();
  if (header) return header;
  if (mode === "passthrough") return undefined;
  const authorization = headers.get("authorization");
  const match = authorization?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}

function unauthorized(detail: string): ApiError {
  return new ApiError({
    status: 401,
    title: "Unauthorized",
    detail,
    type: PROBLEM_TYPES.unauthorized,
    headers: { "www-authenticate": 'Bearer realm="weaviate-rest-gateway"' },
  });
}
