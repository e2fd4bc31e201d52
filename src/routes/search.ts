import { Hono } from "hono";
import type { Gateway } from "../gateway.js";
import { methods } from "../grpc/methods.js";
import { jsonTextAnswer } from "../http/json-answer.js";
import { readJson, validateFast } from "../http/read-body.js";
import { SearchBody, searchBodySchemaFor } from "../schemas/search.js";
import { decodeSearchReply, searchAnswerJson } from "../translate/search-reply-render.js";
import { toSearchRequest } from "../translate/search-request.js";
import { collectionParam, withQueryOptions } from "./params.js";

/** Search whose reply comes back as the JSON answer's bytes when it can (translate/search-reply-render.ts). */
const search = { ...methods.search, responseType: { decode: decodeSearchReply } };

export function searchRoutes(gw: Gateway): Hono {
  return new Hono().post("/v1/collections/:collection/search", async (c) => {
    const collection = collectionParam(c);
    const json = withQueryOptions(c, await readJson(c.req.raw, gw.config.limits.maxBodyBytes));
    const body = validateFast(searchBodySchemaFor(json), SearchBody, json);
    const reply = await gw.call(search, toSearchRequest(collection, body), { request: c.req.raw });
    return jsonTextAnswer(c, searchAnswerJson(reply));
  });
}
