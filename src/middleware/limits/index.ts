import type { MiddlewareHandler } from "hono";
import { ApiError, PROBLEM_TYPES } from "../../errors/api-error.js";
import { payloadTooLarge } from "../../http/read-body.js";
import { peekState, stateOf } from "../request-state.js";

export interface LimitsOptions {
  /** A declared body over this many bytes is refused with 413 before any route runs. */
  readonly maxBodyBytes: number;
  /** The whole request, reading the body included, must be answered within this many ms (else 504). */
  readonly timeoutMs: number;
  /** Streaming uploads: exempt from both, since they bound each line and each upstream call themselves. */
  readonly streaming?: (path: string) => boolean;
  /** How deadlines are timed: a timer per request unless the runtime gives a cheaper one. */
  readonly deadlines?: DeadlineTimer;
}

/** Calls `expire` at `deadline` (epoch ms) unless the request is done first. */
export interface DeadlineTimer {
  add(deadline: number, expire: () => void): unknown;
  /** The request is done: its expire must not be called. */
  remove(handle: unknown): void;
}

/**
 * A timer per request: right on every platform. (On Workers a timer belongs to the request that set it,
 * so requests cannot share one; the Node and Lambda runtimes pass runtime/deadline-queue.ts instead.)
 */
const timerPerRequest: DeadlineTimer = {
  add: (deadline, expire) => setTimeout(expire, Math.max(0, deadline - Date.now())),
  remove: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * When this request must be answered (epoch ms), if it has a deadline. The gateway shortens every
 * upstream call to fit (gateway.ts), so no call outlives the request that made it.
 */
export function deadlineOf(request: Request): number | undefined {
  return peekState(request)?.deadline;
}

/**
 * The request's limits, in one layer. Size: a declared body over the limit gets 413 on every route
 * (routes that read JSON also count the bytes as they stream, for bodies that lie or are chunked).
 * Time: past the deadline the client gets a 504 problem, whatever the handler is still doing (its
 * upstream calls end by the same deadline); the timer is always cleared. One promise per request: in
 * `npm run bench` a race of two promises per request was measurable at concurrency 1.
 */
export function limits(options: LimitsOptions): MiddlewareHandler {
  const { maxBodyBytes, timeoutMs, streaming, deadlines = timerPerRequest } = options;
  const timedOut = () =>
    new ApiError({
      status: 504,
      title: "Request timed out",
      detail: `the gateway did not finish this request within ${timeoutMs} ms`,
      type: PROBLEM_TYPES.timeout,
    });
  return (c, next) => {
    if (streaming?.(c.req.path)) return next();
    const declared = c.req.header("content-length");
    if (declared !== undefined && Number(declared) > maxBodyBytes) throw payloadTooLarge(maxBodyBytes);
    const deadline = Date.now() + timeoutMs;
    stateOf(c.req.raw).deadline = deadline;
    return new Promise<void>((resolve, reject) => {
      const handle = deadlines.add(deadline, () => reject(timedOut()));
      // After the deadline has answered, the handler's late outcome settles nothing and surfaces nowhere.
      next().then(
        () => {
          deadlines.remove(handle);
          resolve();
        },
        (error: unknown) => {
          deadlines.remove(handle);
          reject(error);
        },
      );
    });
  };
}
