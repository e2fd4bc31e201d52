import type { MiddlewareHandler } from "hono";
import { REQUEST_ID } from "../../grpc/metadata.js";

/** Accepted inbound ids: printable, no spaces, bounded, so a hostile id cannot poison logs or metadata. */
const VALID_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

const ids = new WeakMap<Request, string>();

/** The request id of an inbound request (set by the middleware), for logs and upstream metadata. */
export function requestIdOf(request: Request): string | undefined {
  return ids.get(request);
}

/**
 * Accepts the caller's `x-request-id` when it is well-formed, generates one otherwise, echoes it on the
 * response and makes it available to the upstream call (gateway.ts forwards it as metadata).
 */
export function requestId(): MiddlewareHandler {
  return async (c, next) => {
    const inbound = c.req.header(REQUEST_ID);
    const id = inbound && VALID_ID.test(inbound) ? inbound : crypto.randomUUID();
    ids.set(c.req.raw, id);
    try {
      await next();
    } finally {
      c.res.headers.set(REQUEST_ID, id);
    }
  };
}
