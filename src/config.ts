import * as z from "zod";
import { parseApiKeys } from "./auth/api-keys.js";
import { type BatchSettings, DEFAULT_BATCH_SETTINGS } from "./batch/settings.js";
import { parseGrpcUrl } from "./grpc/upstream-url.js";
import { type HookConfig, parseHooks } from "./hooks/hook-config.js";
import { type AuthSettings, DEFAULT_AUTH_FAILURES_PER_MINUTE } from "./middleware/auth/index.js";
import { PARSE_ONCE } from "./schemas/common.js";

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
  AUTH_FAILURE_LIMIT: z.coerce
    .number()
    .int("must be a whole number")
    .min(0, "must not be negative")
    .default(DEFAULT_AUTH_FAILURES_PER_MINUTE),
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
/** Texts of the configuration files a runtime read for loadConfig (src/runtime/read-config-files.ts). */
export interface ConfigFiles {
  readonly apiKeysFile?: string;
  readonly hooksFile?: string;
}

export function loadConfig(env: Env, files: ConfigFiles = {}): GatewayConfig {
  // Empty strings mean "unset": a blank line in a .env file must not become a value.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = EnvSchema.safeParse(cleaned, PARSE_ONCE);
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
  const keys = collectNamed(
    { variable: "GATEWAY_API_KEYS", text: e.GATEWAY_API_KEYS, fileSet: !!e.GATEWAY_API_KEYS_FILE, fileText },
    (text) => {
      const parsed = parseApiKeys(text);
      return { items: parsed.keys, problems: parsed.problems };
    },
    { noun: "key", file: "the keys file" },
    problems,
  );
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
  return { mode: mode ?? "keys", keys, failuresPerMinute: e.AUTH_FAILURE_LIMIT };
}

/**
 * Named entries (keys, hooks) from a JSON variable `X` and the file named by `X_FILE`, whose text the
 * runtime read (the core reads no files). Problems are prefixed with the variable they came from; names
 * must be unique across both sources.
 */
function collectNamed<T extends { name: string }>(
  source: { variable: string; text?: string; fileSet: boolean; fileText?: string },
  parse: (text: string) => { items: T[]; problems: string[] },
  wording: { noun: string; file: string },
  problems: string[],
): T[] {
  const items: T[] = [];
  const add = (variable: string, text: string) => {
    const parsed = parse(text);
    items.push(...parsed.items);
    problems.push(...parsed.problems.map((p) => `${variable}: ${p}`));
  };
  const fileVariable = `${source.variable}_FILE`;
  if (source.text) add(source.variable, source.text);
  if (source.fileSet) {
    if (source.fileText === undefined) {
      problems.push(`${fileVariable}: this runtime reads no files; put the JSON in ${source.variable}`);
    } else add(fileVariable, source.fileText);
  }
  const names = items.map((i) => i.name);
  if (new Set(names).size !== names.length) {
    problems.push(
      `${source.variable}: ${wording.noun} names must be unique across ${source.variable} and ${wording.file}`,
    );
  }
  return items;
}

/** A config for tests and embedding: defaults plus overrides. */
export function defaultConfig(overrides: Partial<GatewayConfig> = {}): GatewayConfig {
  return { ...loadConfig({}), ...overrides };
}

/** Hooks from GATEWAY_HOOKS and the hooks file (names unique across both); secrets may come from `env`. */
function resolveHooks(e: z.infer<typeof EnvSchema>, fileText: string | undefined, env: Env): HookConfig[] {
  const problems: string[] = [];
  const hooks = collectNamed(
    { variable: "GATEWAY_HOOKS", text: e.GATEWAY_HOOKS, fileSet: !!e.GATEWAY_HOOKS_FILE, fileText },
    (text) => {
      const parsed = parseHooks(text, env);
      return { items: parsed.hooks, problems: parsed.problems };
    },
    { noun: "hook", file: "the hooks file" },
    problems,
  );
  if (problems.length) throw new ConfigError(problems);
  return hooks;
}
