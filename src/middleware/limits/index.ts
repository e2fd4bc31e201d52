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
}

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
 * upstream calls end by the same deadline); the timer is always cleared. One promise and one timer per
 * request: in `npm run bench` a race of two promises per request was measurable at concurrency 1.
 */
export function limits(options: LimitsOptions): MiddlewareHandler {
  const { maxBodyBytes, timeoutMs, streaming } = options;
  const timedOut = () =>
    new ApiError({
      status: 504,
      title: "Request timed out",
      detail: `the gateway did not finish this request within ${timeoutMs} ms`,
      type: PROBLEM_TYPES.timeout,
    });
  const queue = createDeadlineQueue();
  return (c, next) => {
    if (streaming?.(c.req.path)) return next();
    const declared = c.req.header("content-length");
    if (declared !== undefined && Number(declared) > maxBodyBytes) throw payloadTooLarge(maxBodyBytes);
    const deadline = Date.now() + timeoutMs;
    stateOf(c.req.raw).deadline = deadline;
    return new Promise<void>((resolve, reject) => {
      const entry = queue.add(deadline, () => reject(timedOut()));
      // After the deadline has answered, the handler's late outcome settles nothing and surfaces nowhere.
      next().then(
        () => {
          queue.remove(entry);
          resolve();
        },
        (error: unknown) => {
          queue.remove(entry);
          reject(error);
        },
      );
    });
  };
}

interface Waiting {
  readonly deadline: number;
  readonly expire: () => void;
  prev?: Waiting;
  next?: Waiting;
}

/**
 * The requests waiting on their deadline, in one list with one timer for all. Every request gets the same
 * timeout, so deadlines come in arrival order: the timer only ever waits for the oldest one. Adding and
 * removing a request touches no timer (a timer per request cost measurable latency at concurrency 1);
 * the timer re-arms itself for the next oldest when it fires, and is unref'd so it never holds a
 * process that has nothing else to do.
 */
function createDeadlineQueue(now: () => number = Date.now) {
  let head: Waiting | undefined;
  let tail: Waiting | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const remove = (w: Waiting) => {
    if (w.prev) w.prev.next = w.next;
    else if (head === w) head = w.next;
    else return; // already removed
    if (w.next) w.next.prev = w.prev;
    else tail = w.prev;
    w.prev = w.next = undefined;
  };
  const arm = () => {
    if (timer !== undefined || !head) return;
    timer = setTimeout(fire, Math.max(0, head.deadline - now()));
    (timer as { unref?: () => void }).unref?.();
  };
  const fire = () => {
    timer = undefined;
    const t = now();
    while (head && head.deadline <= t) {
      const w = head;
      remove(w);
      w.expire();
    }
    arm();
  };
  return {
    add(deadline: number, expire: () => void): Waiting {
      const w: Waiting = { deadline, expire, prev: tail };
      if (tail) tail.next = w;
      else head = w;
      tail = w;
      arm();
      return w;
    },
    remove,
  };
}
