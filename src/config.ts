import { z } from "zod";
import { type ApiKeySpec, parseApiKeys } from "./auth/api-keys.js";
import { type BatchSettings, DEFAULT_BATCH_SETTINGS } from "./batch/settings.js";
import { parseGrpcUrl } from "./grpc/upstream-url.js";
import { type HookConfig, parseHooks } from "./hooks/hook-config.js";
import type { AuthSettings } from "./middleware/auth/index.js";

/**
 * Environment → validated settings. The same variable names in every runtime; each runtime passes its
 * own environment record (process.env, a Worker's env bindings). One message per bad variable.
 */

const positiveInt = (fallback: number, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(max).default(fallback);

const list = z
  .string()
  .default("")
  .transform((s) =>
    s
      .split(",")
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
  );

/** The Scalar bundle the /docs page loads unless DOCS_SCRIPT_URL says otherwise (pinned: a page must not change under us). */
export const DEFAULT_DOCS_SCRIPT_URL =
  "https://cdn.jsdelivr.net/npm/@scalar/api-reference@1.46.4/dist/browser/standalone.js";

const EnvSchema = z.object({
  WEAVIATE_GRPC_URL: z
    .string()
    .trim()
    .min(1)
    .optional()
    .superRefine((value, ctx) => {
      if (value === undefined) return;
      try {
        parseGrpcUrl(value);
      } catch (e) {
        ctx.addIssue({ code: "custom", message: (e as Error).message });
      }
    }),
  WEAVIATE_GRPC_WEB_URL: z
    .url({
      protocol: /^https?$/,
      error: "must be an http:// or https:// URL such as https://host/v1/grpc-web",
    })
    .optional(),
  WEAVIATE_API_KEY: z.string().min(1).optional(),
  PORT: positiveInt(8080, 65535),
  HOST: z.string().min(1).default("0.0.0.0"),
  GATEWAY_ENV: z.enum(["development", "production"]).optional(),
  NODE_ENV: z.string().optional(),
  GRPC_TIMEOUT_MS: positiveInt(30_000),
  GRPC_BATCH_TIMEOUT_MS: positiveInt(90_000),
  GRPC_MAX_MESSAGE_BYTES: positiveInt(104_858_000, 2 ** 31 - 1),
  MAX_BODY_BYTES: positiveInt(32 * 1024 * 1024),
  FORWARD_HEADERS: list,
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  BATCH_CHUNK_BYTES: positiveInt(DEFAULT_BATCH_SETTINGS.chunkBytes),
  BATCH_CHUNK_OBJECTS: positiveInt(DEFAULT_BATCH_SETTINGS.chunkObjects),
  BATCH_CONCURRENCY: positiveInt(DEFAULT_BATCH_SETTINGS.concurrency, 64),
  BATCH_RETRIES: z.coerce
    .number()
    .int("must be a whole number")
    .min(0)
    .max(10)
    .default(DEFAULT_BATCH_SETTINGS.retries),
  BATCH_RETRY_BASE_MS: positiveInt(DEFAULT_BATCH_SETTINGS.retryBaseMs),
  IMPORT_MAX_LINE_BYTES: positiveInt(DEFAULT_BATCH_SETTINGS.maxLineBytes),
  IMPORT_FLUSH_MS: positiveInt(DEFAULT_BATCH_SETTINGS.importFlushMs),
  // Access control and safety limits (README "Security").
  GATEWAY_AUTH: z.enum(["keys", "passthrough", "open"]).optional(),
  GATEWAY_API_KEYS: z.string().optional(),
  GATEWAY_API_KEYS_FILE: z.string().optional(),
  CORS_ORIGINS: list.pipe(
    z.array(
      z
        .string()
        .regex(/^(?:\*|https?:\/\/[^/\s]+)$/, "must list origins such as https://app.example.com (or *)"),
    ),
  ),
  GATEWAY_REQUEST_TIMEOUT_MS: positiveInt(120_000),
  RATE_LIMIT_RPS: z.coerce.number().min(0, "must not be negative").default(0),
  RATE_LIMIT_BURST: z.coerce.number().int("must be a whole number").min(0).default(0),
  HSTS_MAX_AGE: z.coerce.number().int("must be a whole number").min(0).default(0),
  // HTTP users (README "Webhooks", "OpenAPI and docs").
  GATEWAY_HOOKS: z.string().optional(),
  GATEWAY_HOOKS_FILE: z.string().optional(),
  DOCS_SCRIPT_URL: z
    .url({
      protocol: /^https?$/,
      error: "must be an http:// or https:// URL of the Scalar standalone script",
    })
    .default(DEFAULT_DOCS_SCRIPT_URL),
});

export interface GatewayConfig {
  readonly grpcUrl?: string;
  readonly grpcWebUrl?: string;
  readonly apiKey?: string;
  readonly port: number;
  readonly host: string;
  readonly production: boolean;
  readonly timeouts: { readonly defaultMs: number; readonly batchMs: number };
  readonly limits: { readonly maxBodyBytes: number; readonly maxMessageBytes: number };
  readonly forwardHeaders: readonly string[];
  readonly logLevel: "debug" | "info" | "warn" | "error" | "silent";
  readonly batch: BatchSettings;
  readonly auth: AuthSettings;
  /** Browser origins allowed by CORS; empty = CORS off. */
  readonly corsOrigins: readonly string[];
  /** Deadline of a whole request (not the streaming import), body reading included. */
  readonly requestTimeoutMs: number;
  readonly rateLimit: { readonly rps: number; readonly burst: number };
  readonly hstsMaxAgeS: number;
  /** Webhooks served at POST /v1/hooks/{name}. */
  readonly hooks: readonly HookConfig[];
  /** The script the /docs page loads (the Scalar API reference, standalone build). */
  readonly docsScriptUrl: string;
}

export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n  ${problems.join("\n  ")}`);
  }
}

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * `files.apiKeysFile`: the text of GATEWAY_API_KEYS_FILE, read by the runtime (the core reads no files);
 * `files.hooksFile` likewise for GATEWAY_HOOKS_FILE.
 */
export function loadConfig(
  env: Env,
  files: { readonly apiKeysFile?: string; readonly hooksFile?: string } = {},
): GatewayConfig {
  // Empty strings mean "unset": a blank line in a .env file must not become a value.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${String(i.path[0] ?? "environment")}: ${i.message}`),
    );
  }
  const e = parsed.data;
  const production = (e.GATEWAY_ENV ?? e.NODE_ENV) === "production";
  const auth = resolveAuth(e, files.apiKeysFile, production);
  return {
    grpcUrl: e.WEAVIATE_GRPC_URL,
    grpcWebUrl: e.WEAVIATE_GRPC_WEB_URL,
    apiKey: e.WEAVIATE_API_KEY,
    port: e.PORT,
    host: e.HOST,
    production,
    timeouts: { defaultMs: e.GRPC_TIMEOUT_MS, batchMs: e.GRPC_BATCH_TIMEOUT_MS },
    limits: { maxBodyBytes: e.MAX_BODY_BYTES, maxMessageBytes: e.GRPC_MAX_MESSAGE_BYTES },
    forwardHeaders: e.FORWARD_HEADERS,
    logLevel: e.LOG_LEVEL,
    batch: {
      chunkBytes: e.BATCH_CHUNK_BYTES,
      chunkObjects: e.BATCH_CHUNK_OBJECTS,
      concurrency: e.BATCH_CONCURRENCY,
      retries: e.BATCH_RETRIES,
      retryBaseMs: e.BATCH_RETRY_BASE_MS,
      maxLineBytes: e.IMPORT_MAX_LINE_BYTES,
      importFlushMs: e.IMPORT_FLUSH_MS,
    },
    auth,
    corsOrigins: e.CORS_ORIGINS,
    requestTimeoutMs: e.GATEWAY_REQUEST_TIMEOUT_MS,
    rateLimit: { rps: e.RATE_LIMIT_RPS, burst: e.RATE_LIMIT_BURST },
    hstsMaxAgeS: e.HSTS_MAX_AGE,
    hooks: resolveHooks(e, files.hooksFile, env),
    docsScriptUrl: e.DOCS_SCRIPT_URL,
  };
}

/**
 * Keys from GATEWAY_API_KEYS and the keys file, and the auth mode: `keys` when keys exist, `open` (no
 * auth) only in development, and nothing at all in production: a public gateway must not start open.
 */
function resolveAuth(
  e: z.infer<typeof EnvSchema>,
  fileText: string | undefined,
  production: boolean,
): AuthSettings {
  const problems: string[] = [];
  const keys: ApiKeySpec[] = [];
  const add = (variable: string, text: string) => {
    const parsed = parseApiKeys(text);
    keys.push(...parsed.keys);
    problems.push(...parsed.problems.map((p) => `${variable}: ${p}`));
  };
  if (e.GATEWAY_API_KEYS) add("GATEWAY_API_KEYS", e.GATEWAY_API_KEYS);
  if (e.GATEWAY_API_KEYS_FILE) {
    if (fileText === undefined) {
      problems.push("GATEWAY_API_KEYS_FILE: this runtime reads no files; put the JSON in GATEWAY_API_KEYS");
    } else add("GATEWAY_API_KEYS_FILE", fileText);
  }
  const names = keys.map((k) => k.name);
  if (new Set(names).size !== names.length) {
    problems.push("GATEWAY_API_KEYS: key names must be unique across GATEWAY_API_KEYS and the keys file");
  }
  const mode = e.GATEWAY_AUTH ?? (keys.length ? "keys" : production ? undefined : "open");
  if (mode === undefined) {
    problems.push(
      "GATEWAY_AUTH: no gateway API keys configured; in production set GATEWAY_API_KEYS or GATEWAY_API_KEYS_FILE, or GATEWAY_AUTH=passthrough when Weaviate checks credentials itself",
    );
  } else if (mode === "keys" && !keys.length && !problems.length) {
    problems.push("GATEWAY_AUTH: keys mode needs GATEWAY_API_KEYS or GATEWAY_API_KEYS_FILE");
  } else if (mode === "open" && production) {
    problems.push("GATEWAY_AUTH: open mode is for local development only; refused in production");
  } else if (mode === "open" && keys.length) {
    problems.push("GATEWAY_AUTH: open mode ignores the configured keys; remove them or use keys mode");
  } else if (mode === "passthrough" && e.WEAVIATE_API_KEY) {
    problems.push(
      "WEAVIATE_API_KEY: not used with GATEWAY_AUTH=passthrough (the caller's Authorization goes to Weaviate); unset one",
    );
  }
  if (problems.length) throw new ConfigError(problems);
  return { mode: mode ?? "keys", keys };
}

/** A config for tests and embedding: defaults plus overrides. */
export function defaultConfig(overrides: Partial<GatewayConfig> = {}): GatewayConfig {
  return { ...loadConfig({}), ...overrides };
}

/** Hooks from GATEWAY_HOOKS and the hooks file (names unique across both); secrets may come from `env`. */
function resolveHooks(e: z.infer<typeof EnvSchema>, fileText: string | undefined, env: Env): HookConfig[] {
  const problems: string[] = [];
  const hooks: HookConfig[] = [];
  const add = (variable: string, text: string) => {
    const parsed = parseHooks(text, env);
    hooks.push(...parsed.hooks);
    problems.push(...parsed.problems.map((p) => `${variable}: ${p}`));
  };
  if (e.GATEWAY_HOOKS) add("GATEWAY_HOOKS", e.GATEWAY_HOOKS);
  if (e.GATEWAY_HOOKS_FILE) {
    if (fileText === undefined) {
      problems.push("GATEWAY_HOOKS_FILE: this runtime reads no files; put the JSON in GATEWAY_HOOKS");
    } else add("GATEWAY_HOOKS_FILE", fileText);
  }
  const names = hooks.map((h) => h.name);
  if (new Set(names).size !== names.length) {
    problems.push("GATEWAY_HOOKS: hook names must be unique across GATEWAY_HOOKS and the hooks file");
  }
  if (problems.length) throw new ConfigError(problems);
  return hooks;
}
