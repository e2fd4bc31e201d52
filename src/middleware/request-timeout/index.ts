import type { MiddlewareHandler } from "hono";
import { ApiError, PROBLEM_TYPES } from "../../errors/api-error.js";

const deadlines = new WeakMap<Request, number>();

/**
 * When this request must be answered (epoch ms), if it has a deadline. The gateway shortens every
 * upstream call to fit (gateway.ts), so no call outlives the request that made it.
 */
export function deadlineOf(request: Request): number | undefined {
  return deadlines.get(request);
}

export interface RequestTimeoutOptions {
  readonly ms: number;
  /** Requests exempt from the deadline: streaming routes bound themselves per call and per line. */
  readonly skip?: (path: string) => boolean;
}

/**
 * A deadline for the whole request, reading the body included: past it the client gets a 504 problem,
 * whatever the handler is still doing (its upstream calls end by the same deadline). The timer is
 * always cleared.
 */
export function requestTimeout(options: RequestTimeoutOptions): MiddlewareHandler {
  return async (c, next) => {
    if (options.skip?.(c.req.path)) return next();
    deadlines.set(c.req.raw, Date.now() + options.ms);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new ApiError({
              status: 504,
              title: "Request timed out",
              detail: `the gateway did not finish this request within ${options.ms} ms`,
              type: PROBLEM_TYPES.timeout,
            }),
          ),
        options.ms,
      );
    });
    const work = next();
    // Once the deadline has answered, the handler's late failure must not surface as unhandled.
    work.catch(() => {});
    try {
      await Promise.race([work, expired]);
    } finally {
      clearTimeout(timer);
    }
  };
}
