export interface Deadline {
  /** Aborts when the time is up (reason: TimeoutError) or when the caller's signal aborts. */
  readonly signal: AbortSignal;
  /** True once the timer fired (as opposed to the caller cancelling). */
  readonly expired: () => boolean;
  /** Clears the timer. Call it once the reply body has been read. */
  readonly clear: () => void;
}

/**
 * A deadline as an AbortSignal. Not AbortSignal.timeout: its timer cannot be cleared, and a Worker or a
 * Lambda should not carry thousands of pending timers for calls that finished long ago.
 */
export function createDeadline(timeoutMs: number, caller?: AbortSignal): Deadline {
  const timer = new AbortController();
  let fired = false;
  const id = setTimeout(() => {
    fired = true;
    timer.abort(new DOMException(`deadline of ${timeoutMs} ms exceeded`, "TimeoutError"));
  }, timeoutMs);
  return {
    signal: caller ? AbortSignal.any([caller, timer.signal]) : timer.signal,
    expired: () => fired,
    clear: () => clearTimeout(id),
  };
}
