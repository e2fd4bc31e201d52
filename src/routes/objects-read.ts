import { Hono } from "hono";
import { ApiError } from "../errors/api-error.js";
import type { Gateway } from "../gateway.js";
import { methods } from "../grpc/methods.js";
import { jsonAnswer } from "../http/json-answer.js";
import { validate } from "../http/read-body.js";
import { ObjectId, ObjectListQuery, ObjectQuery } from "../schemas/objects-read.js";
import { toListBody, toSingleBody } from "../translate/objects-read.js";
import { fromObjectPage, fromSearchReply } from "../translate/search-reply.js";
import { toSearchRequest } from "../translate/search-request.js";
import { collectionParam } from "./params.js";

/** The read routes of api.md: both are a Search (a cursor scan, or a filter on `_id`). */
export function objectsReadRoutes(gw: Gateway): Hono {
  return new Hono()
    .get("/v1/collections/:collection/objects", async (c) => {
      const collection = collectionParam(c);
      const query = validate(ObjectListQuery, c.req.query(), "query");
      const body = toListBody(query);
      const reply = await gw.call(methods.search, toSearchRequest(collection, body), { request: c.req.raw });
      return jsonAnswer(c, fromObjectPage(reply, body.limit));
    })
    .get("/v1/collections/:collection/objects/:id", async (c) => {
      const collection = collectionParam(c);
      const id = validate(ObjectId, c.req.param("id"), "id");
      const query = validate(ObjectQuery, c.req.query(), "query");
      const reply = await gw.call(methods.search, toSearchRequest(collection, toSingleBody(id, query)), {
        request: c.req.raw,
      });
      const [object] = fromSearchReply(reply).objects;
      if (!object) throw ApiError.notFound(`no object ${id} in collection ${collection}`);
      return jsonAnswer(c, object);
    });
}
