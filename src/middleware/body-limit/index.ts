import type { MiddlewareHandler } from "hono";
import { payloadTooLarge } from "../../http/read-body.js";

/**
 * Refuses a declared body over the limit on every route with 413, before any route runs (routes that
 * read JSON also count the bytes as they stream, for bodies that lie or are chunked). `skip` exempts
 * streaming uploads, which have a limit per line instead.
 */
export function bodyLimit(limit: number, skip?: (path: string) => boolean): MiddlewareHandler {
  return async (c, next) => {
    const declared = c.req.header("content-length");
    if (declared !== undefined && Number(declared) > limit && !skip?.(c.req.path)) {
      throw payloadTooLarge(limit);
    }
    return next();
  };
}
