import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import { type BatchJob, type BatchParser, type ParsedBatch, parseBatch } from "../batch/parse-batch.js";
import { ApiError } from "../errors/api-error.js";
import { type BatchThreadReply, wholeBuffer } from "./batch-thread-messages.js";

export interface BatchThreads {
  readonly parse: BatchParser;
  /** Stops the threads; jobs still running fail. */
  close(): Promise<void>;
}

/** Bodies below this are parsed in place: handing them over would cost more than it saves. */
export const MIN_OFFLOAD_BYTES = 256 * 1024;

/**
 * One parser thread per core beyond the first, at most 2; none on one core, where a thread would only
 * compete. On this project's 2-core bench machine a second thread raised batch 100×1536 from 0.85x to
 * 0.89–0.97x of the floor, for 44–79 MiB more at peak, but it also competes with the request thread for
 * the cores, which searches served during an import would feel; so two cores get one.
 */
export function defaultBatchThreads(): number {
  return Math.max(0, Math.min(2, availableParallelism() - 1));
}

/** Thread failures in a row (no job answered in between) after which batches are parsed in place. */
export const MAX_THREAD_FAILURES = 3;

export interface BatchThreadsOptions {
  readonly threads: number;
  readonly workerUrl: URL;
  /** Told when a thread fails, and when the pool gives up on threads. */
  readonly onError?: (message: string) => void;
}

/**
 * Batch bodies of MIN_OFFLOAD_BYTES and more are parsed (UTF-8, JSON.parse, validation, translation: the
 * core's parseBatch) on worker threads, so the event loop keeps serving while a 2 MB body of vector digits
 * is parsed, and batches use more than one core. The result is the same as parsing in place: the same
 * function runs, and ApiErrors come back as the same problems. A thread starts with the first job it
 * gets. One that dies fails its jobs with a 500 (their bodies went with it) and is replaced at the next
 * job; after MAX_THREAD_FAILURES in a row (a worker file that cannot load) the pool parses in place from
 * then on. Threads never keep the process alive.
 */
export function createBatchThreads(options: BatchThreadsOptions): BatchThreads {
  const slots: (Worker | undefined)[] = Array.from({ length: options.threads }, () => undefined);
  const pending = new Map<number, { resolve(p: ParsedBatch): void; reject(e: Error): void; slot: number }>();
  const busy = new Array<number>(options.threads).fill(0);
  let nextId = 0;
  let closed = false;
  let failuresInARow = 0;
  let WorkerClass: typeof Worker | undefined;
  let gaveUp = false;

  function spawn(slot: number): Worker {
    const worker = new (WorkerClass as typeof Worker)(options.workerUrl);
    worker.unref();
    worker.on("message", (reply: BatchThreadReply) => {
      const job = pending.get(reply.id);
      if (!job) return;
      pending.delete(reply.id);
      busy[slot]--;
      failuresInARow = 0;
      if ("parsed" in reply) job.resolve(reply.parsed);
      else if ("problem" in reply) job.reject(new ApiError(reply.problem));
      else job.reject(new Error(`batch parser thread: ${reply.failure}`));
    });
    const fail = (error: Error) => {
      if (slots[slot] !== worker) return;
      slots[slot] = undefined;
      if (!closed) {
        failuresInARow++;
        options.onError?.(`batch parser thread failed: ${error.message}`);
        if (failuresInARow >= MAX_THREAD_FAILURES && !gaveUp) {
          gaveUp = true;
          options.onError?.(
            `batch parser threads failed ${failuresInARow} times in a row: parsing in place from now on`,
          );
        }
      }
      for (const [id, job] of pending) {
        if (job.slot !== slot) continue;
        pending.delete(id);
        job.reject(error);
      }
      busy[slot] = 0;
    };
    worker.on("error", fail);
    worker.on("messageerror", (error) => {
      fail(error);
      void worker.terminate();
    });
    worker.on("exit", (code) => fail(new Error(`batch parser thread exited with code ${code}`)));
    slots[slot] = worker;
    return worker;
  }

  const parse: BatchParser = (job: BatchJob) => {
    if (closed || gaveUp || options.threads <= 0 || job.bytes.byteLength < MIN_OFFLOAD_BYTES)
      return parseBatch(job);
    // Loaded with the first large batch: a start that never sees one does not pay for it. Not import():
    // the container's startup snapshot (a CommonJS bundle) cannot import() at run time.
    WorkerClass ??= (process.getBuiltinModule("node:worker_threads") as typeof import("node:worker_threads"))
      .Worker;
    // The thread with the fewest jobs in hand.
    let slot = 0;
    for (let i = 1; i < busy.length; i++) if (busy[i] < busy[slot]) slot = i;
    const worker = slots[slot] ?? spawn(slot);
    const id = nextId++;
    busy[slot]++;
    return new Promise<ParsedBatch>((resolve, reject) => {
      pending.set(id, { resolve, reject, slot });
      // The body's buffer moves to the thread when the body is all of it (no copy; readBodyBytes gives
      // the caller bytes of its own); otherwise it is copied.
      const buffer = wholeBuffer(job.bytes);
      try {
        worker.postMessage({ id, job }, buffer ? [buffer] : []);
      } catch (error) {
        pending.delete(id);
        busy[slot]--;
        reject(error);
      }
    });
  };

  return {
    parse,
    async close() {
      closed = true;
      await Promise.all(slots.map((w) => w?.terminate()));
    },
  };
}
