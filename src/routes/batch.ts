import { Hono } from "hono";
import { outcomeToApiError, typingIssuesError } from "../batch/outcome-error.js";
import { writeObjects } from "../batch/write-objects.js";
import type { Gateway } from "../gateway.js";
import { jsonAnswer } from "../http/json-answer.js";
import { readJson, validateFast } from "../http/read-body.js";
import { BatchBody, type BatchResultJson, FastBatchBody } from "../schemas/objects.js";
import { prepareBatch, toObjectResult } from "../translate/batch.js";
import { toConsistency } from "../translate/common.js";
import { collectionParam, withQueryOptions } from "./params.js";

export function batchRoutes(gw: Gateway): Hono {
  return new Hono().post("/v1/collections/:collection/objects/batch", async (c) => {
    const started = performance.now();
    const collection = collectionParam(c);
    const body = validateFast(
      FastBatchBody,
      BatchBody,
      withQueryOptions(c, await readJson(c.req.raw, gw.config.limits.maxBodyBytes)),
    );
    const { prepared, issues } = await prepareBatch(collection, body);
    if (issues.length) throw typingIssuesError(issues);
    const outcomes = await writeObjects(
      { gw, request: c.req.raw, consistencyLevel: toConsistency(body.consistencyLevel) },
      prepared,
    );
    // No chunk reached Weaviate (all calls failed, after retries): that is the request's failure, with
    // its status (503, 401...), not a 200 listing the same error for every object.
    if (outcomes.every((o) => o.grpcCode)) throw outcomeToApiError(outcomes[0]);
    const results = outcomes.map(toObjectResult);
    const failed = results.filter((r) => r.status === "failed").length;
    const out: BatchResultJson = {
      results,
      succeeded: results.length - failed,
      failed,
      tookMs: Math.round((performance.now() - started) * 10) / 10,
    };
    return jsonAnswer(c, out);
  });
}
