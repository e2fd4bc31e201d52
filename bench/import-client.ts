/**
 * Scenario 4: streams a generated NDJSON body of `bytes` (made on the fly, never on disk) to the import route,
 * honouring back-pressure, reads the streamed results as they come, and samples the gateway's memory.
 */
import { request } from "node:http";
import { AUTH_HEADERS } from "./cold-start.mjs";
import { IMPORT, ndjsonChunks } from "./fixtures.js";
import { memoryOf } from "./processes.js";

export interface ImportResult {
  bytesSent: number;
  objects: number;
  succeeded: number;
  failed: number;
  seconds: number;
  objectsPerSecond: number;
  mbPerSecond: number;
  /** The gateway's VmHWM at the end: its peak resident set over the whole import. */
  peakRssMb: number;
  rssBeforeMb: number;
  /** Resident set every second, to show it stays flat. */
  rssSamplesMb: number[];
}

export async function runImport(port: number, pid: number, bytes: number): Promise<ImportResult> {
  const rssBeforeMb = memoryOf(pid).rssMb;
  const rssSamplesMb: number[] = [];
  const sampler = setInterval(() => rssSamplesMb.push(Math.round(memoryOf(pid).rssMb)), 1000);
  const started = performance.now();
  let bytesSent = 0;
  try {
    const summary = await new Promise<{ total: number; succeeded: number; failed: number }>(
      (resolve, reject) => {
        const req = request({
          host: "127.0.0.1",
          port,
          method: "POST",
          path: `/v1/collections/${IMPORT}/objects/import`,
          headers: { "content-type": "application/x-ndjson", ...AUTH_HEADERS },
        });
        req.on("error", reject);
        req.on("response", (res) => {
          if (res.statusCode !== 200) reject(new Error(`import: HTTP ${res.statusCode}`));
          let tail = "";
          res.setEncoding("utf8");
          res.on("data", (d: string) => {
            tail = (tail + d).slice(-4096);
          });
          res.on("end", () => {
            const last = JSON.parse(tail.trim().split("\n").at(-1) ?? "{}");
            if (!last.summary) reject(new Error(`import: no summary line: ${tail.slice(-300)}`));
            else resolve(last.summary);
          });
        });
        const chunks = ndjsonChunks(bytes);
        const pump = () => {
          for (;;) {
            const next = chunks.next();
            if (next.done) {
              req.end();
              return;
            }
            bytesSent += next.value.byteLength;
            if (!req.write(next.value)) {
              req.once("drain", pump);
              return;
            }
          }
        };
        pump();
      },
    );
    const seconds = (performance.now() - started) / 1000;
    return {
      bytesSent,
      objects: summary.total,
      succeeded: summary.succeeded,
      failed: summary.failed,
      seconds,
      objectsPerSecond: summary.total / seconds,
      mbPerSecond: bytesSent / 1024 / 1024 / seconds,
      peakRssMb: memoryOf(pid).hwmMb,
      rssBeforeMb,
      rssSamplesMb,
    };
  } finally {
    clearInterval(sampler);
  }
}
