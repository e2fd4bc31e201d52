import { z } from "zod";
import { type BatchSettings, DEFAULT_BATCH_SETTINGS } from "./batch/settings.js";
import { parseGrpcUrl } from "./grpc/upstream-url.js";

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
}

export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n  ${problems.join("\n  ")}`);
  }
}

export type Env = Readonly<Record<string, string | undefined>>;

export function loadConfig(env: Env): GatewayConfig {
  // Empty strings mean "unset": a blank line in a .env file must not become a value.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${String(i.path[0] ?? "environment")}: ${i.message}`),
    );
  }
  const e = parsed.data;
  return {
    grpcUrl: e.WEAVIATE_GRPC_URL,
    grpcWebUrl: e.WEAVIATE_GRPC_WEB_URL,
    apiKey: e.WEAVIATE_API_KEY,
    port: e.PORT,
    host: e.HOST,
    production: (e.GATEWAY_ENV ?? e.NODE_ENV) === "production",
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
  };
}

/** A config for tests and embedding: defaults plus overrides. */
export function defaultConfig(overrides: Partial<GatewayConfig> = {}): GatewayConfig {
  return { ...loadConfig({}), ...overrides };
}
