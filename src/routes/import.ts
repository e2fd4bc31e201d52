import { Hono } from "hono";
import * as z from "zod";
import { importNdjson } from "../batch/import-stream.js";
import { ApiError } from "../errors/api-error.js";
import type { Gateway } from "../gateway.js";
import { validate } from "../http/read-body.js";
import { ConsistencyLevel, Tenant } from "../schemas/common.js";
import { IdMode } from "../schemas/objects.js";
import { toConsistency } from "../translate/common.js";
import { collectionParam } from "./params.js";

const NDJSON_TYPES = new Set(["application/x-ndjson", "application/ndjson", "application/jsonl"]);

/** The body is a stream, so request-level options come from the query string. */
const ImportQuery = z.object({
  tenant: Tenant.optional(),
  consistencyLevel: ConsistencyLevel.optional(),
  ids: IdMode.optional(),
  progress: z.enum(["0", "1", "true", "false"]).optional(),
  progressEvery: z
    .string()
    .regex(/^\d+$/, "must be a positive integer")
    .transform(Number)
    .pipe(z.int().min(1).max(10_000_000))
    .optional(),
});

/** Progress lines come every 1000 objects or 2 s, whichever first: often enough to watch, rare enough to skim. */
const PROGRESS_EVERY_OBJECTS = 1000;
const PROGRESS_EVERY_MS = 2000;

/**
 * `POST /v1/collections/{collection}/objects/import`: NDJSON in, NDJSON out, as it goes. No body-size
 * limit (the body is never held whole); each line has its own limit instead.
 */
export function importRoutes(gw: Gateway): Hono {
  return new Hono().post("/v1/collections/:collection/objects/import", (c) => {
    const collection = collectionParam(c);
    const type = (c.req.header("content-type") ?? "").split(";")[0].trim().toLowerCase();
    if (!NDJSON_TYPES.has(type)) {
      throw ApiError.unsupportedMediaType("application/x-ndjson", ", one JSON object a line");
    }
    const query = validate(ImportQuery, c.req.query(), "query");
    const body = c.req.raw.body ?? new ReadableStream<Uint8Array>({ start: (ctl) => ctl.close() });
    const stream = importNdjson(
      {
        gw,
        request: c.req.raw,
        collection,
        tenant: query.tenant,
        consistencyLevel: toConsistency(query.consistencyLevel),
        ids: query.ids,
        progress:
          query.progress === "1" || query.progress === "true"
            ? { everyObjects: query.progressEvery ?? PROGRESS_EVERY_OBJECTS, everyMs: PROGRESS_EVERY_MS }
            : undefined,
      },
      body,
    );
    return new Response(stream, {
      status: 200,
      headers: { "content-type": "application/x-ndjson", "cache-control": "no-store" },
    });
  });
}
