import * as z from "zod";
import { ConfigError, type Env } from "../config.js";
import { PARSE_ONCE } from "../schemas/common.js";

/**
 * Settings only the runtime adapters read (the shared GatewayConfig does not need them). Validated like
 * loadConfig: one message per bad variable, empty strings mean unset.
 */
const ms = (fallback: number) =>
  z.coerce.number().int("must be a whole number").min(0, "must not be negative").default(fallback);

const RuntimeEnvSchema = z.object({
  /** Which protocol the fetch transport speaks to /v1/grpc-web/. */
  WEAVIATE_GRPC_WEB_PROTOCOL: z.enum(["grpc-web", "connect"]).default("grpc-web"),
  /** SIGTERM: how long in-flight requests may run before their connections are cut. */
  SHUTDOWN_TIMEOUT_MS: ms(10_000),
  /** Above the 60 s idle timeout of AWS ALB and most proxies, so the proxy closes first, never us. */
  KEEP_ALIVE_TIMEOUT_MS: ms(65_000),
  /** Time to receive the request headers (slowloris bound); must exceed the keep-alive timeout. */
  HEADERS_TIMEOUT_MS: ms(66_000),
  /** Time to receive a whole request; NDJSON imports stream large bodies, hence generous. 0 = none. */
  REQUEST_TIMEOUT_MS: ms(600_000),
  /** Threads parsing large batch bodies (batch-threads.ts); unset: one per core beyond the first, at most 2; 0: none. */
  BATCH_PARSE_THREADS: z.coerce
    .number()
    .int("must be a whole number")
    .min(0, "must not be negative")
    .max(16)
    .optional(),
});

export type RuntimeEnv = z.infer<typeof RuntimeEnvSchema>;

export function loadRuntimeEnv(env: Env): RuntimeEnv {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = RuntimeEnvSchema.safeParse(cleaned, PARSE_ONCE);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`));
  }
  return parsed.data;
}
