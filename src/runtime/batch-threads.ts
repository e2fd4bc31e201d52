import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { type BatchJob, type BatchParser, type ParsedBatch, parseBatch } from "../batch/parse-batch.js";
import { ApiError, type ApiErrorInit } from "../errors/api-error.js";

/** What the batch parser thread answers, for the job with that id. */
export type BatchThreadReply =
  | { id: number; parsed: ParsedBatch }
  | { id: number; problem: ApiErrorInit }
  | { id: number; failure: string };

export interface BatchThreads {
  readonly parse: BatchParser;
  /** Stops the threads; jobs still running fail. */
  close(): Promise<void>;
}

/** Bodies below this are parsed in place: handing them over would cost more than it saves. */
export const MIN_OFFLOAD_BYTES = 256 * 1024;

/** One parser thread per spare core, at most 2; none on a single core, where they would only compete. */
export function defaultBatchThreads(): number {
  return Math.min(2, availableParallelism() - 1);
}

/**
 * Batch bodies of MIN_OFFLOAD_BYTES and more are parsed (UTF-8, JSON.parse, validation, translation: the
 * core's parseBatch) on worker threads, so the event loop keeps serving while a 2 MB body of vector digits
 * is parsed, and batches use more than one core. The result is the same as parsing in place: the same
 * function runs, and ApiErrors come back as the same problems. A thread that dies fails its jobs with a
 * 500 and is replaced at the next job. Threads never keep the process alive.
 */
export function createBatchThreads(options: { threads: number; workerUrl: URL }): BatchThreads {
  const slots: (Worker | undefined)[] = Array.from({ length: options.threads }, () => undefined);
  const pending = new Map<number, { resolve(p: ParsedBatch): void; reject(e: Error): void; slot: number }>();
  const busy = new Array<number>(options.threads).fill(0);
  let nextId = 0;
  let closed = false;

  function spawn(slot: number): Worker {
    const worker = new Worker(options.workerUrl);
    worker.unref();
    worker.on("message", (reply: BatchThreadReply) => {
      const job = pending.get(reply.id);
      if (!job) return;
      pending.delete(reply.id);
      busy[slot]--;
      if ("parsed" in reply) job.resolve(reply.parsed);
      else if ("problem" in reply) job.reject(new ApiError(reply.problem));
      else job.reject(new Error(`batch parser thread: ${reply.failure}`));
    });
    const fail = (error: Error) => {
      if (slots[slot] !== worker) return;
      slots[slot] = undefined;
      for (const [id, job] of pending) {
        if (job.slot !== slot) continue;
        pending.delete(id);
        job.reject(error);
      }
      busy[slot] = 0;
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`batch parser thread exited with code ${code}`)));
    slots[slot] = worker;
    return worker;
  }

  const parse: BatchParser = (job: BatchJob) => {
    if (closed || options.threads <= 0 || job.bytes.byteLength < MIN_OFFLOAD_BYTES) return parseBatch(job);
    // The thread with the fewest jobs in hand.
    let slot = 0;
    for (let i = 1; i < busy.length; i++) if (busy[i] < busy[slot]) slot = i;
    const worker = slots[slot] ?? spawn(slot);
    const id = nextId++;
    busy[slot]++;
    return new Promise<ParsedBatch>((resolve, reject) => {
      pending.set(id, { resolve, reject, slot });
      const { bytes } = job;
      // The body's buffer moves to the thread when the body is all of it (no copy); otherwise it is copied.
      const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
      worker.postMessage({ id, job }, whole && bytes.buffer instanceof ArrayBuffer ? [bytes.buffer] : []);
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

/** The vector buffers of prepared objects, moved rather than copied back (each view spans its buffer). */
export function transferablesOf(parsed: ParsedBatch): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const add = (bytes: Uint8Array | undefined) => {
    if (
      bytes &&
      bytes.buffer instanceof ArrayBuffer &&
      bytes.byteOffset === 0 &&
      bytes.byteLength === bytes.buffer.byteLength
    )
      buffers.add(bytes.buffer);
  };
  for (const { object } of parsed.prepared) {
    add(object.vectorBytes);
    for (const v of object.vectors ?? []) add(v.vectorBytes);
  }
  return [...buffers];
}
