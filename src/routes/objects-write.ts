import { Hono } from "hono";
import { outcomeToApiError, typingIssuesError } from "../batch/outcome-error.js";
import { writeObjects } from "../batch/write-objects.js";
import type { Gateway } from "../gateway.js";
import { jsonAnswer } from "../http/json-answer.js";
import { readJson, validateFast } from "../http/read-body.js";
import { FastObjectBody, ObjectBody } from "../schemas/objects.js";
import { prepareBatch } from "../translate/batch.js";
import { toConsistency } from "../translate/common.js";
import { collectionParam, withQueryOptions } from "./params.js";

/** `POST /v1/collections/{collection}/objects`: insert or replace one object; answers `{ id }`. */
export function objectWriteRoutes(gw: Gateway): Hono {
  return new Hono().post("/v1/collections/:collection/objects", async (c) => {
    const collection = collectionParam(c);
    const { consistencyLevel, ids, ...object } = validateFast(
      FastObjectBody,
      ObjectBody,
      withQueryOptions(c, await readJson(c.req.raw, gw.config.limits.maxBodyBytes)),
    );
    const { prepared, issues } = await prepareBatch(collection, { objects: [object], ids });
    // Paths name the object itself here (`properties.x`), not `objects[0]`.
    if (issues.length) throw typingIssuesError(issues.map((i) => ({ ...i, path: i.path.slice(2) })));
    const [outcome] = await writeObjects(
      { gw, request: c.req.raw, consistencyLevel: toConsistency(consistencyLevel) },
      prepared,
    );
    if (outcome.error !== undefined) throw outcomeToApiError(outcome);
    return jsonAnswer(c, { id: outcome.id });
  });
}
