import { Hono } from "hono";
import type { Gateway } from "../gateway.js";
import { methods } from "../grpc/methods.js";
import { jsonAnswer } from "../http/json-answer.js";
import { readJson, validateFast } from "../http/read-body.js";
import { SearchBody, searchBodySchemaFor } from "../schemas/search.js";
import { fromSearchReply } from "../translate/search-reply.js";
import { toSearchRequest } from "../translate/search-request.js";
import { collectionParam, withQueryOptions } from "./params.js";

export function searchRoutes(gw: Gateway): Hono {
  return new Hono().post("/v1/collections/:collection/search", async (c) => {
    const collection = collectionParam(c);
    const json = withQueryOptions(c, await readJson(c.req.raw, gw.config.limits.maxBodyBytes));
    const body = validateFast(searchBodySchemaFor(json), SearchBody, json);
    const reply = await gw.call(methods.search, toSearchRequest(collection, body), { request: c.req.raw });
    return jsonAnswer(c, fromSearchReply(reply));
  });
}
