import { Hono } from "hono";
import { ApiError } from "../errors/api-error.js";
import { formatPath } from "../errors/from-zod.js";
import type { Gateway } from "../gateway.js";
import { methods } from "../grpc/methods.js";
import { readJson, validate } from "../http/read-body.js";
import { BatchBody, type BatchResultJson } from "../schemas/objects.js";
import { fromBatchReply, toBatchObjects } from "../translate/batch.js";
import { toConsistency, tookMs } from "../translate/common.js";
import { collectionParam, withQueryOptions } from "./params.js";

export function batchRoutes(gw: Gateway): Hono {
  return new Hono().post("/v1/collections/:collection/objects/batch", async (c) => {
    const collection = collectionParam(c);
    const body = validate(
      BatchBody,
      withQueryOptions(c, await readJson(c.req.raw, gw.config.limits.maxBodyBytes)),
    );
    // Every object has its id before anything is sent, so a retried call replaces rather than duplicates.
    const ids = body.objects.map((o) => o.id ?? crypto.randomUUID());
    const { objects, issues } = toBatchObjects(collection, body, ids);
    if (issues.length) {
      const errors = issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
      throw ApiError.badRequest(
        `${errors.length} propert${errors.length === 1 ? "y" : "ies"} cannot be typed`,
        errors,
      );
    }
    const reply = await gw.call(
      methods.batchObjects,
      { objects, consistencyLevel: toConsistency(body.consistencyLevel) },
      { request: c.req.raw, timeoutMs: gw.config.timeouts.batchMs },
    );
    const results = fromBatchReply(
      reply,
      ids,
      ids.map((_, i) => i),
    );
    const failed = results.filter((r) => r.status === "failed").length;
    const out: BatchResultJson = {
      results,
      succeeded: results.length - failed,
      failed,
      tookMs: tookMs(reply.took),
    };
    return c.json(out);
  });
}
