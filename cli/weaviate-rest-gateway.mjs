#!/usr/bin/env node
// The gateway's command line: `weaviate-rest-gateway import <file.ndjson> --collection <name>`.
// Plain JavaScript on Node's own APIs (fetch, streams), so it runs with `npx` and nothing to build. It
// streams the file to a running gateway's NDJSON import with `?progress=1` and draws the progress lines.
import { createReadStream, statSync } from "node:fs";
import { Readable } from "node:stream";
import { parseArgs } from "node:util";

const USAGE = `usage: weaviate-rest-gateway import <file.ndjson> --collection <name>
         [--url http://localhost:8080] [--api-key <key>] [--tenant <t>] [--ids random|deterministic]
         [--progress-every <objects>]

Streams an NDJSON file (one object a line) through a running gateway and shows progress.
Environment: WEAVIATE_GATEWAY_URL, WEAVIATE_GATEWAY_API_KEY. Exit code 0 when every line was stored,
1 when some failed, 2 when the import could not run.`;

function fail(message) {
  process.stderr.write(`weaviate-rest-gateway: ${message}\n`);
  process.exit(2);
}

function parse(argv) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        collection: { type: "string", short: "c" },
        url: { type: "string", default: process.env.WEAVIATE_GATEWAY_URL ?? "http://localhost:8080" },
        "api-key": { type: "string", default: process.env.WEAVIATE_GATEWAY_API_KEY },
        tenant: { type: "string" },
        ids: { type: "string" },
        "progress-every": { type: "string", default: "1000" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    fail(`${e.message}\n${USAGE}`);
  }
}

/** Lines of the file, counted up front so the bar can show a percentage (a fast scan for newlines). */
async function countLines(path) {
  let lines = 0;
  let last = 10;
  for await (const chunk of createReadStream(path)) {
    for (const byte of chunk) if (byte === 10) lines++;
    last = chunk[chunk.length - 1];
  }
  return last === 10 ? lines : lines + 1;
}

function bar(done, total, width = 30) {
  const ratio = total ? Math.min(1, done / total) : 0;
  const full = Math.round(ratio * width);
  return `[${"#".repeat(full)}${"-".repeat(width - full)}] ${String(Math.floor(ratio * 100)).padStart(3)}%`;
}

async function* ndjsonLines(body) {
  const decoder = new TextDecoder();
  let buffered = "";
  for await (const chunk of body) {
    buffered += decoder.decode(chunk, { stream: true });
    let newline = buffered.indexOf("\n");
    while (newline >= 0) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      if (line) yield JSON.parse(line);
      newline = buffered.indexOf("\n");
    }
  }
  if (buffered.trim()) yield JSON.parse(buffered);
}

async function importFile(file, values) {
  if (!values.collection) fail(`--collection is required\n${USAGE}`);
  try {
    if (!statSync(file).isFile()) fail(`${file} is not a file`);
  } catch {
    fail(`cannot read ${file}`);
  }
  const total = await countLines(file);
  const query = new URLSearchParams({ progress: "1", progressEvery: values["progress-every"] });
  if (values.tenant) query.set("tenant", values.tenant);
  if (values.ids) query.set("ids", values.ids);
  const url = `${values.url.replace(/\/+$/, "")}/v1/collections/${encodeURIComponent(values.collection)}/objects/import?${query}`;
  const headers = { "content-type": "application/x-ndjson" };
  if (values["api-key"]) headers["x-api-key"] = values["api-key"];

  let res;
  try {
    res = await fetch(url, {
      method: "POST",
      headers,
      body: Readable.toWeb(createReadStream(file)),
      duplex: "half",
    });
  } catch (e) {
    fail(`cannot reach the gateway at ${values.url}: ${e.cause?.message ?? e.message}`);
  }
  if (!res.ok) {
    const text = await res.text();
    let detail = text;
    try {
      const problem = JSON.parse(text);
      detail = `${problem.title}${problem.detail ? `: ${problem.detail}` : ""}`;
    } catch {}
    fail(`the gateway answered ${res.status}: ${detail}`);
  }

  const tty = process.stderr.isTTY;
  const errors = [];
  let summary;
  for await (const line of ndjsonLines(res.body)) {
    if (line.progress) {
      const p = line.progress;
      const text = `${bar(p.objects, total)} ${p.objects}/${total} objects, ${p.objectsPerSecond} objects/s, ${p.failed} failed`;
      // A bar redrawn in place on a terminal; one line per update in a log.
      process.stderr.write(tty ? `\r${text}` : `${text}\n`);
    } else if (line.summary) {
      summary = line.summary;
    } else if (line.status === "failed") {
      errors.push(line);
    } else if (line.error) {
      errors.push({ line: "?", error: line.error });
    }
  }
  if (tty) process.stderr.write("\n");
  if (!summary) fail("the import stopped before its summary line (connection lost?)");
  for (const e of errors.slice(0, 10)) process.stderr.write(`line ${e.line}: ${e.error}\n`);
  if (errors.length > 10) process.stderr.write(`... and ${errors.length - 10} more failed lines\n`);
  const seconds = summary.tookMs / 1000;
  const rate = seconds > 0 ? Math.round(summary.total / seconds) : summary.total;
  process.stdout.write(
    `imported ${summary.total} objects into ${values.collection}: ${summary.succeeded} succeeded, ${summary.failed} failed in ${seconds.toFixed(1)} s (${rate} objects/s)\n`,
  );
  process.exit(summary.failed ? 1 : 0);
}

const { values, positionals } = parse(process.argv.slice(2));
if (values.help || positionals.length === 0) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(values.help ? 0 : 2);
}
const [command, file, ...extra] = positionals;
if (command !== "import" || !file || extra.length)
  fail(`unknown command: ${positionals.join(" ")}\n${USAGE}`);
await importFile(file, values);
