import { Hono } from "hono";
import { prepareObject } from "../batch/chunked-sender.js";
import { outcomeToApiError, typingIssuesError } from "../batch/outcome-error.js";
import { writeObjects } from "../batch/write-objects.js";
import type { Gateway } from "../gateway.js";
import { jsonAnswer } from "../http/json-answer.js";
import { readJson, validate, validateFast } from "../http/read-body.js";
import {
  FastWeaviateRestBatchBody,
  WeaviateRestBatchBody,
  WeaviateRestQuery,
} from "../schemas/weaviate-rest.js";
import { toBatchObject } from "../translate/batch.js";
import { toConsistency } from "../translate/common.js";
import type { TypingIssue } from "../translate/properties.js";
import { fromWeaviateRestObject, toWeaviateRestResult } from "../translate/weaviate-rest.js";

/**
 * `POST /v1/batch/objects`: Weaviate's REST batch endpoint, same request and response JSON, so a client
 * written for Weaviate's REST API only changes its base URL. Objects may name different classes.
 */
export function weaviateRestBatchRoutes(gw: Gateway): Hono {
  return new Hono().post("/v1/batch/objects", async (c) => {
    const query = validate(WeaviateRestQuery, c.req.query(), "query");
    const body = validateFast(
      FastWeaviateRestBatchBody,
      WeaviateRestBatchBody,
      await readJson(c.req.raw, gw.config.limits.maxBodyBytes),
    );
    const issues: TypingIssue[] = [];
    const objects = body.objects.map((o, i) => {
      const path = ["objects", i];
      const input = fromWeaviateRestObject(o, path, issues);
      const id = input.id ?? crypto.randomUUID();
      return { id, object: toBatchObject(o.class, input, id, undefined, issues, path) };
    });
    if (issues.length) throw typingIssuesError(issues);
    const prepared = objects.map(({ id, object }, i) => prepareObject(i, id, object));
    const outcomes = await writeObjects(
      { gw, request: c.req.raw, consistencyLevel: toConsistency(query.consistency_level) },
      prepared,
    );
    // No chunk reached Weaviate (all calls failed, after retries): that is the request's failure, with
    // its status (503, 401...), not a 200 listing the same error for every object.
    if (outcomes.every((o) => o.grpcCode)) throw outcomeToApiError(outcomes[0]);
    return jsonAnswer(
      c,
      outcomes.map((o, i) => toWeaviateRestResult(body.objects[i], o)),
    );
  });
}
