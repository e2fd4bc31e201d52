import * as z from "zod";
import { CollectionName, PARSE_ONCE } from "../schemas/common.js";

/**
 * Gateway API keys: who may call the gateway, and what each key may touch. Read from configuration only
 * (`GATEWAY_API_KEYS`, `GATEWAY_API_KEYS_FILE`), never from a request. A key is stored either as the
 * secret itself (`key`) or as the hex SHA-256 of it (`sha256`), so a secrets file need not hold secrets.
 */

export const ACTIONS = ["read", "write", "delete"] as const;
export type Action = (typeof ACTIONS)[number];

export interface ApiKeySpec {
  readonly name: string;
  /** Exactly one of `key` and `sha256` is set. */
  readonly key?: string;
  readonly sha256?: string;
  /** Collection names (normalised, see normalizeCollection) or `*`. */
  readonly collections: readonly string[];
  readonly actions: readonly Action[];
  /** Tenant names or `*`. A key limited to tenants cannot touch data outside a tenant. */
  readonly tenants: readonly string[];
}

/**
 * Weaviate upper-cases the first letter of a class name (`article` is `Article`), so scopes compare names
 * that way: a key scoped to `Article` covers requests naming `article`, and nothing else.
 */
export function normalizeCollection(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

const KeyEntry = z
  .strictObject({
    name: z.string().min(1).max(64),
    // 16 characters at least: a gateway key faces the internet, guessing must be hopeless.
    key: z.string().min(16, "must be at least 16 characters").max(512).optional(),
    sha256: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, "must be the 64 hex digits of the key's SHA-256")
      .transform((s) => s.toLowerCase())
      .optional(),
    // No defaults for collections and actions: a key grants only what it names.
    collections: z
      .array(z.union([z.literal("*"), CollectionName]))
      .min(1, 'must name collections or ["*"]')
      .transform((names) => names.map((n) => (n === "*" ? n : normalizeCollection(n)))),
    actions: z.array(z.enum(ACTIONS)).min(1, 'must list actions among "read", "write", "delete"'),
    tenants: z.array(z.string().min(1).max(64)).min(1).default(["*"]),
  })
  .refine((k) => (k.key === undefined) !== (k.sha256 === undefined), {
    message: 'needs exactly one of "key" and "sha256"',
  });

const KeyList = z.array(KeyEntry).superRefine((keys, ctx) => {
  const names = new Set<string>();
  keys.forEach((k, i) => {
    if (names.has(k.name)) ctx.addIssue({ code: "custom", path: [i, "name"], message: "is used twice" });
    names.add(k.name);
  });
});

/**
 * Parses one source of keys (JSON text: an array of entries). Problems name the entry and field but never
 * quote the text: JSON.parse's message would echo part of a secret.
 */
export function parseApiKeys(text: string): { keys: ApiKeySpec[]; problems: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { keys: [], problems: ["is not valid JSON (expected an array of key entries)"] };
  }
  const parsed = KeyList.safeParse(json, PARSE_ONCE);
  if (parsed.success) return { keys: parsed.data, problems: [] };
  return {
    keys: [],
    problems: parsed.error.issues.map((i) => {
      const path = i.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("");
      return `${path || "(value)"}: ${i.code === "unrecognized_keys" ? `unknown field(s) ${i.keys.join(", ")}` : i.message}`;
    }),
  };
}
