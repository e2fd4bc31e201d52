/** A streamed NDJSON response body that its producer can wait on when the client reads slowly. */
export interface NdjsonOutput {
  readonly readable: ReadableStream<Uint8Array>;
  /** True once the client went away (the stream was cancelled). */
  readonly closed: boolean;
  /** Queues one JSON line; a no-op once closed. */
  write(value: unknown): void;
  /** Resolves when the queue has room again (or the stream was cancelled). */
  ready(): Promise<void>;
  close(): void;
}

/**
 * Result lines are small, but a client that never reads them must still stop the work that produces
 * them: up to `highWaterMark` lines are queued, then `ready()` waits for the client's next read.
 */
export function createNdjsonOutput(highWaterMark = 256): NdjsonOutput {
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let wake: (() => void) | undefined;
  let closed = false;
  const readable = new ReadableStream<Uint8Array>(
    {
      start: (c) => {
        controller = c;
      },
      pull: () => wake?.(),
      cancel: () => {
        closed = true;
        wake?.();
      },
    },
    { highWaterMark },
  );
  return {
    readable,
    get closed() {
      return closed;
    },
    write(value) {
      if (!closed) controller.enqueue(encoder.encode(`${JSON.stringify(value)}\n`));
    },
    async ready() {
      while (!closed && (controller.desiredSize ?? 1) <= 0)
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
    },
    close() {
      if (!closed) controller.close();
      closed = true;
    },
  };
}
