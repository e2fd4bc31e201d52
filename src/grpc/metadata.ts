/**
 * Metadata policy: which inbound HTTP headers travel upstream as gRPC metadata. Deny by default; an
 * allow-list of exact names and of Weaviate's module-key patterns. Weaviate reads module headers from gRPC
 * metadata under the lowercased key (weaviate-wire.md §6), which WHATWG Headers already gives us.
 */

export const AUTHORIZATION = "authorization";
export const REQUEST_ID = "x-request-id";
export const TRACEPARENT = "traceparent";
export const TRACESTATE = "tracestate";

/**
 * Provider headers Weaviate's modules read (usecases/modulecomponents), beyond the x-*-api-key and
 * x-*-baseurl patterns below.
 */
const MODULE_HEADERS = [
  "x-openai-organization",
  "x-azure-deployment-id",
  "x-azure-resource-name",
  "x-azure-concurrency",
  "x-azure-block-size",
  "x-aws-access-key",
  "x-aws-secret-key",
  "x-aws-session-token",
  "x-databricks-token",
  "x-databricks-endpoint",
  "x-databricks-user-agent",
  "x-friendli-token",
  "x-ollama-baseurl",
  "x-weaviate-cluster-url",
  "x-weaviate-client",
  "x-weaviate-client-integration",
] as const;

/** x-<provider>-api-key, x-<provider>-baseurl, x-<module>-ratelimit-* (weaviate-wire.md §6). */
const MODULE_PATTERN = /^x-[a-z0-9]+(?:-[a-z0-9]+)*-(?:api-key|baseurl|ratelimit-[a-z0-9-]+)$/;

export const DEFAULT_FORWARDED_HEADERS: readonly string[] = [
  REQUEST_ID,
  TRACEPARENT,
  TRACESTATE,
  ...MODULE_HEADERS,
];

export interface MetadataPolicyOptions {
  /** Exact header names forwarded in addition to the defaults (lowercase). */
  readonly extraHeaders?: readonly string[];
  /** Weaviate credential, sent as `authorization: Bearer <key>`. Never taken from the request. */
  readonly apiKey?: string;
  /** Forward the caller's Authorization header instead of apiKey (clusters that do their own auth). */
  readonly passThroughAuthorization?: boolean;
}

/**
 * A request's headers as its platform parsed them: lowercase names, repeated headers joined or (Node's
 * set-cookie) listed. Node's IncomingMessage.headers is one, read at no cost, whereas iterating the
 * Request's WHATWG Headers makes a lightweight Request (@hono/node-server) build them all first.
 */
export type ParsedHeaders = Readonly<Record<string, string | string[] | undefined>>;

/** The metadata for one upstream call; `parsed`, when the runtime has it, is read instead of iterating. */
export type MetadataPolicy = (inbound: Headers, parsed?: ParsedHeaders) => Headers;

export function createMetadataPolicy(options: MetadataPolicyOptions = {}): MetadataPolicy {
  const allowed = new Set([
    ...DEFAULT_FORWARDED_HEADERS,
    ...(options.extraHeaders ?? []).map((h) => h.toLowerCase()),
  ]);
  allowed.delete(AUTHORIZATION);
  const bearer = options.apiKey ? `Bearer ${options.apiKey}` : undefined;
  const forwarded = (name: string) => allowed.has(name) || MODULE_PATTERN.test(name);
  return (inbound, parsed) => {
    const out = new Headers();
    if (parsed) {
      for (const name in parsed) {
        const value = parsed[name];
        if (value !== undefined && forwarded(name))
          out.set(name, Array.isArray(value) ? value.join(", ") : value);
      }
    } else {
      for (const [name, value] of inbound) if (forwarded(name)) out.set(name, value);
    }
    if (options.passThroughAuthorization) {
      const auth = inbound.get(AUTHORIZATION);
      if (auth) out.set(AUTHORIZATION, auth);
    } else if (bearer) {
      out.set(AUTHORIZATION, bearer);
    }
    return out;
  };
}
