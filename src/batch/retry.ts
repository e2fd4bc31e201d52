import { Code, GrpcError } from "../grpc/status.js";

/**
 * Statuses after which resending the same chunk is safe and may succeed: the server was unreachable or
 * did not answer in time. Every object already has its final id, so a resend replaces, never duplicates.
 */
const RETRYABLE = new Set<Code>([Code.UNAVAILABLE, Code.DEADLINE_EXCEEDED]);

export interface RetryOptions {
  readonly retries: number;
  readonly baseMs: number;
  readonly signal?: AbortSignal;
  /** Called before each retry (for logs). */
  readonly onRetry?: (error: GrpcError, attempt: number) => void;
}

const MAX_BACKOFF_MS = 5_000;

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}

/** Runs `call`, retrying transient gRPC failures with exponential backoff and jitter; rejects with GrpcError. */
export async function withRetry<T>(call: () => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (e) {
      const error = GrpcError.from(e);
      if (!RETRYABLE.has(error.code) || attempt >= options.retries || options.signal?.aborted) throw error;
      options.onRetry?.(error, attempt + 1);
      const backoff = Math.min(MAX_BACKOFF_MS, options.baseMs * 2 ** attempt);
      await sleep(backoff / 2 + (Math.random() * backoff) / 2, options.signal);
      if (options.signal?.aborted) throw error;
    }
  }
}
