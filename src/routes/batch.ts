import { Hono } from "hono";
import { outcomeToApiError } from "../batch/outcome-error.js";
import { type BatchParser, parseBatch } from "../batch/parse-batch.js";
import { writeObjects } from "../batch/write-objects.js";
import type { Gateway } from "../gateway.js";
import { jsonAnswer } from "../http/json-answer.js";
import { readJsonBytes } from "../http/read-body.js";
import type { BatchResultJson } from "../schemas/objects.js";
import { toObjectResult } from "../translate/batch.js";
import { toConsistency } from "../translate/common.js";
import { collectionParam, queryOptions } from "./params.js";

/** `parse` turns the body into objects to send: on this thread unless the runtime gives another way. */
export function batchRoutes(gw: Gateway, parse: BatchParser = parseBatch): Hono {
  return new Hono().post("/v1/collections/:collection/objects/batch", async (c) => {
    const started = performance.now();
    const collection = collectionParam(c);
    const bytes = await readJsonBytes(c.req.raw, gw.config.limits.maxBodyBytes);
    const { consistencyLevel, prepared } = await parse({ collection, bytes, query: queryOptions(c) });
    const outcomes = await writeObjects(
      { gw, request: c.req.raw, consistencyLevel: toConsistency(consistencyLevel) },
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
