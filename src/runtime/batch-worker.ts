import { parentPort } from "node:worker_threads";
import { type BatchJob, parseBatch } from "../batch/parse-batch.js";
import { ApiError } from "../errors/api-error.js";
import { type BatchThreadReply, transferablesOf } from "./batch-thread-messages.js";
import { decodeUtf8Node } from "./node-text.js";

/**
 * The batch parser thread (dist/node/batch-worker.mjs): runs the core's parseBatch on bodies the Node
 * server hands over, and answers with the prepared objects, or with the ApiError a client must get.
 */
const port = parentPort;
if (!port) throw new Error("batch-worker runs as a worker thread of the Node server");
port.on("message", async ({ id, job }: { id: number; job: BatchJob }) => {
  let reply: BatchThreadReply;
  try {
    const parsed = await parseBatch(job, decodeUtf8Node);
    port.postMessage({ id, parsed } satisfies BatchThreadReply, transferablesOf(parsed));
    return;
  } catch (error) {
    reply =
      error instanceof ApiError
        ? { id, problem: error.toInit() }
        : { id, failure: (error instanceof Error && error.stack) || String(error) };
  }
  port.postMessage(reply);
});
