import type { Context } from "hono";
import { REQUEST_ID } from "../../grpc/metadata.js";
import { peekState } from "../request-state.js";

/** Accepted inbound ids: printable, no spaces, bounded, so a hostile id cannot poison logs or metadata. */
const VALID_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/** The request id of an inbound request (set by the observe middleware), for logs and upstream metadata. */
export function requestIdOf(request: Request): string | undefined {
  return peekState(request)?.id;
}

/**
 * The id a request gets: the caller's `x-request-id` when it is well-formed, a new UUID otherwise. The
 * observe middleware records it (requestIdOf) and echoes it; gateway.ts forwards it upstream as metadata.
 */
export function requestIdFor(c: Context): string {
  const inbound = c.req.header(REQUEST_ID);
  return inbound && VALID_ID.test(inbound) ? inbound : crypto.randomUUID();
}
