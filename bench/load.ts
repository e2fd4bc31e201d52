/** HTTP load through autocannon (in this process), with exact latencies and a check of the reply first. */
import autocannon from "autocannon";
import { AUTH_HEADERS } from "./cold-start.mjs";
import { createRecorder, type LoadResult, summarise } from "./stats.js";

export interface HttpLoad {
  port: number;
  path: string;
  body: string;
  connections: number;
  seconds: number;
  warmup: number;
}

/** One request first: it must be 200 (and pass `check`); its body size is reported with the result. */
export async function probe(port: number, path: string, body: string, check: (json: unknown) => void) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...AUTH_HEADERS },
    body,
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`probe ${path}: HTTP ${res.status}: ${text.slice(0, 300)}`);
  check(JSON.parse(text));
  return new TextEncoder().encode(text).byteLength;
}

function once(o: HttpLoad, seconds: number, record: boolean): Promise<LoadResult> {
  const latencies = createRecorder();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${o.port}${o.path}`,
        method: "POST",
        headers: { "content-type": "application/json", ...AUTH_HEADERS },
        body: o.body,
        connections: o.connections,
        pipelining: 1,
        duration: seconds,
        timeout: 30,
      },
      (error, result) => {
        if (error) return reject(error);
        const errors = result.errors + result.timeouts + result.non2xx;
        resolve(summarise(latencies.values(), errors, result.duration));
      },
    );
    // autocannon's own histogram has 1 ms resolution; responseTime here is the exact hrtime figure.
    if (record)
      instance.on("response", (_client, status: number, _bytes: number, ms: number) => {
        if (status >= 200 && status < 300) latencies.add(ms);
      });
  });
}

export async function httpLoad(o: HttpLoad): Promise<LoadResult> {
  if (o.warmup > 0) await once(o, o.warmup, false);
  return once(o, o.seconds, true);
}
