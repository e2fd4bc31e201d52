import { Hono } from "hono";
import { ApiError } from "../errors/api-error.js";
import type { Gateway } from "../gateway.js";
import { methods } from "../grpc/methods.js";
import { jsonAnswer } from "../http/json-answer.js";
import { readJson, validate } from "../http/read-body.js";
import { Uuid } from "../schemas/common.js";
import { DeleteBody, DeleteOneQuery } from "../schemas/delete.js";
import { deleteOneRequest, fromBatchDeleteReply, toBatchDeleteRequest } from "../translate/delete.js";
import { collectionParam, withQueryOptions } from "./params.js";

/**
 * Deletes. One object answers 204 No Content (there is nothing to say beyond "gone"), or 404 when no
 * object had that id, so a client can tell a typo from a deletion. By filter answers the counts.
 */
export function deleteRoutes(gw: Gateway): Hono {
  return new Hono()
    .delete("/v1/collections/:collection/objects/:id", async (c) => {
      const collection = collectionParam(c);
      const id = validate(Uuid, c.req.param("id"), "id");
      const options = validate(DeleteOneQuery, withQueryOptions(c, {}), "query");
      const reply = await gw.call(methods.batchDelete, deleteOneRequest(collection, id, options), {
        request: c.req.raw,
      });
      if (!reply.matches) throw ApiError.notFound(`no object ${id} in ${collection}`);
      return c.body(null, 204);
    })
    .post("/v1/collections/:collection/objects/delete", async (c) => {
      const collection = collectionParam(c);
      const body = validate(
        DeleteBody,
        withQueryOptions(c, await readJson(c.req.raw, gw.config.limits.maxBodyBytes)),
      );
      const reply = await gw.call(methods.batchDelete, toBatchDeleteRequest(collection, body), {
        request: c.req.raw,
        timeoutMs: gw.config.timeouts.batchMs,
      });
      return jsonAnswer(c, fromBatchDeleteReply(reply, body.dryRun ?? false));
    });
}
