import * as z from "zod";
import { formatPath } from "../errors/from-zod.js";
import { CollectionName, PARSE_ONCE, PropertyName, Tenant } from "../schemas/common.js";

/**
 * Webhook definitions (`GATEWAY_HOOKS` JSON, or the file named by `GATEWAY_HOOKS_FILE`): an object keyed
 * by hook name, served at `POST /v1/hooks/{name}`.
 *
 * ```json
 * { "github-issues": {
 *     "collection": "Issue",
 *     "signature": { "scheme": "github" }, "secretEnv": "GITHUB_WEBHOOK_SECRET",
 *     "properties": { "title": "issue.title", "body": "issue.body?", "repo": "repository.full_name" },
 *     "id": { "path": "issue.node_id" } } }
 * ```
 */

/** A payload path: dot-separated keys and `[n]` indexes (`issue.labels[0].name`); a trailing `?` = optional. */
const PayloadPath = z
  .string()
  .regex(
    /^[A-Za-z0-9_$@-]+(?:\[\d+\])*(?:\.[A-Za-z0-9_$@-]+(?:\[\d+\])*)*\??$/,
    "must be a payload path such as issue.title or items[0].id (a trailing ? makes it optional)",
  );

const Signature = z.discriminatedUnion("scheme", [
  /** GitHub: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>`. */
  z.strictObject({ scheme: z.literal("github") }),
  /** Stripe: `Stripe-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, with a replay window. */
  z.strictObject({
    scheme: z.literal("stripe"),
    toleranceSeconds: z.int().min(1).max(86_400).default(300),
  }),
  /** Any sender that signs the raw body with HMAC-SHA256 into one header. */
  z.strictObject({
    scheme: z.literal("hmac-sha256"),
    header: z
      .string()
      .regex(/^[A-Za-z0-9-]+$/)
      .transform((h) => h.toLowerCase()),
    encoding: z.enum(["hex", "base64"]).default("hex"),
    prefix: z.string().default(""),
  }),
]);

const IdRule = z.union([
  /** Deterministic from the mapped content (UUID v5, src/translate/ids.ts): the same event, the same id. */
  z.literal("content"),
  /** From a payload value: a UUID is used as is, anything else becomes a UUID v5 of hook and value. */
  z.strictObject({ path: PayloadPath }),
  /** From a request header, e.g. GitHub's X-GitHub-Delivery, which a redelivery repeats. */
  z.strictObject({ header: z.string().regex(/^[A-Za-z0-9-]+$/) }),
]);

const HookSchema = z
  .strictObject({
    collection: CollectionName,
    tenant: Tenant.optional(),
    signature: Signature,
    secret: z.string().min(8, "must be at least 8 characters").optional(),
    /** The name of an environment variable holding the secret, so the hooks JSON itself holds none. */
    secretEnv: z.string().min(1).optional(),
    properties: z.record(PropertyName, PayloadPath).refine((p) => Object.keys(p).length > 0, {
      message: "must map at least one property",
    }),
    vector: PayloadPath.optional(),
    id: IdRule.default("content"),
  })
  .refine((h) => (h.secret === undefined) !== (h.secretEnv === undefined), {
    message: 'needs exactly one of "secret" and "secretEnv"',
  });

const HooksSchema = z.record(
  z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "hook names are [A-Za-z0-9_-]"),
  HookSchema,
);

export type SignatureRule = z.infer<typeof Signature>;
export type IdRule = z.infer<typeof IdRule>;

export interface HookConfig {
  readonly name: string;
  readonly collection: string;
  readonly tenant?: string;
  readonly signature: SignatureRule;
  readonly secret: string;
  readonly properties: Readonly<Record<string, string>>;
  readonly vector?: string;
  readonly id: IdRule;
}

/** Hooks JSON → hook configs, with secrets resolved from `env`; `problems` names each bad field. */
export function parseHooks(
  text: string,
  env: Readonly<Record<string, string | undefined>>,
): { hooks: HookConfig[]; problems: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { hooks: [], problems: [`not valid JSON: ${(e as Error).message}`] };
  }
  const parsed = HooksSchema.safeParse(json, PARSE_ONCE);
  if (!parsed.success) {
    return {
      hooks: [],
      problems: parsed.error.issues.map((i) => `${formatPath(i.path) || "(root)"}: ${i.message}`),
    };
  }
  const hooks: HookConfig[] = [];
  const problems: string[] = [];
  for (const [name, h] of Object.entries(parsed.data)) {
    const secret = h.secret ?? env[h.secretEnv ?? ""];
    if (!secret) {
      problems.push(`${name}.secretEnv: the environment variable ${h.secretEnv} is not set`);
      continue;
    }
    const { secretEnv: _unused, ...rest } = h;
    hooks.push({ ...rest, name, secret });
  }
  return { hooks, problems };
}
