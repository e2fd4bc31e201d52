import { Hono } from "hono";
import { normalizeCollection } from "../auth/api-keys.js";
import { outcomeToApiError } from "../batch/outcome-error.js";
import { writeObjects } from "../batch/write-objects.js";
import { ApiError, type FieldError, PROBLEM_TYPES } from "../errors/api-error.js";
import { formatPath, zodToApiError } from "../errors/from-zod.js";
import type { Gateway } from "../gateway.js";
import type { HookConfig } from "../hooks/hook-config.js";
import { hookObjectId } from "../hooks/hook-object-id.js";
import { mapPayload } from "../hooks/map-payload.js";
import { verifySignature } from "../hooks/verify-signature.js";
import { jsonAnswer } from "../http/json-answer.js";
import { readBodyBytes } from "../http/read-body.js";
import { requiresKey, setPrincipal } from "../middleware/auth/index.js";
import { ObjectInput } from "../schemas/objects.js";
import { prepareBatch } from "../translate/batch.js";

const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * `POST /v1/hooks/{name}`: a signed webhook delivery becomes one object, written through the same batch
 * writer as every other write (chunking, retries, metrics). Authenticated by its signature, not a gateway
 * key (providers cannot send one): the hook then acts with a scope of its own, write to its collection.
 */
export function hookRoutes(gw: Gateway, hooks: readonly HookConfig[]): Hono {
  const byName = new Map(hooks.map((h) => [h.name, h]));
  const scoped = requiresKey(gw.config.auth);
  return new Hono().post("/v1/hooks/:name", async (c) => {
    const name = c.req.param("name");
    const hook = byName.get(name);
    if (!hook) throw ApiError.notFound(`no webhook named ${name} is configured`);
    const request = c.req.raw;
    const bytes = await readBodyBytes(request, gw.config.limits.maxBodyBytes);
    const rejected = await verifySignature(hook.signature, hook.secret, request.headers, bytes);
    if (rejected) {
      throw new ApiError({
        status: 401,
        title: "Invalid webhook signature",
        detail: rejected,
        type: PROBLEM_TYPES.unauthorized,
      });
    }
    const payload = parseJson(bytes);
    const mapped = mapPayload(hook, payload);
    if (mapped.missing) throw unmappable(mapped.missing.map((path) => ({ path, message: "is absent" })));
    const checked = ObjectInput.safeParse(mapped.object);
    if (!checked.success) throw unmappable([...(zodToApiError(checked.error).errors ?? [])]);
    const id = await hookObjectId(hook, checked.data, payload, request.headers);
    if (typeof id !== "string") throw unmappable([{ path: id.missing, message: "is absent" }]);

    if (scoped) {
      setPrincipal(request, {
        name: `hook:${hook.name}`,
        collections: [normalizeCollection(hook.collection)],
        actions: ["write"],
        tenants: [hook.tenant ?? "*"],
      });
    }
    const { prepared, issues } = await prepareBatch(hook.collection, {
      objects: [{ ...checked.data, id }],
      tenant: hook.tenant,
    });
    if (issues.length) {
      throw unmappable(issues.map((i) => ({ path: formatPath(i.path.slice(2)), message: i.message })));
    }
    const [outcome] = await writeObjects({ gw, request }, prepared);
    if (outcome.error !== undefined) throw outcomeToApiError(outcome);
    return jsonAnswer(c, { id: outcome.id, collection: hook.collection, status: "success" });
  });
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(decoder.decode(bytes));
  } catch (e) {
    throw new ApiError({
      status: 400,
      title: "Malformed JSON",
      detail: `the webhook payload is not JSON: ${(e as Error).message}`,
      type: PROBLEM_TYPES.malformedJson,
    });
  }
}

/** Authentic, well-formed JSON that the hook's mapping cannot turn into an object. */
function unmappable(errors: FieldError[]): ApiError {
  return new ApiError({
    status: 422,
    title: "Unmappable webhook payload",
    detail: `the payload does not fit the hook's mapping: ${errors.map((e) => `${e.path} ${e.message}`).join("; ")}`,
    type: PROBLEM_TYPES.invalid,
    errors,
  });
}
