import type { Context } from "hono";
import { REQUEST_ID } from "../../grpc/metadata.js";

/** Accepted inbound ids: printable, no spaces, bounded, so a hostile id cannot poison logs or metadata. */
const VALID_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

const ids = new WeakMap<Request, string>();

/** The request id of an inbound request (set by the observe middleware), for logs and upstream metadata. */
export function requestIdOf(request: Request): string | undefined {
  return ids.get(request);
}

/**
 * The request's id: the caller's `x-request-id` when it is well-formed, a new UUID otherwise. Remembered for
 * requestIdOf (gateway.ts forwards it upstream as metadata); the observe middleware echoes it.
 */
export function assignRequestId(c: Context): string {
  const inbound = c.req.header(REQUEST_ID);
  const id = inbound && VALID_ID.test(inbound) ? inbound : crypto.randomUUID();
  ids.set(c.req.raw, id);
  return id;
}
