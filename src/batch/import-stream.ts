import { formatPath } from "../errors/from-zod.js";
import type { Gateway } from "../gateway.js";
import type { ConsistencyLevel as PbConsistency } from "../gen/v1/base.js";
import { FastObjectInput, ObjectInput } from "../schemas/objects.js";
import { toBatchObject } from "../translate/batch.js";
import { assignId, type IdMode } from "../translate/ids.js";
import type { TypingIssue } from "../translate/properties.js";
import { type Outcome, prepareObject } from "./chunked-sender.js";
import { type Line, readLines } from "./ndjson-lines.js";
import { createNdjsonOutput } from "./ndjson-output.js";
import { batchSettings } from "./settings.js";
import { createObjectWriter } from "./write-objects.js";

export interface ImportOptions {
  readonly gw: Gateway;
  readonly request: Request;
  readonly collection: string;
  readonly tenant?: string;
  readonly consistencyLevel?: PbConsistency;
  readonly ids?: IdMode;
  /** Opt-in progress lines for a person watching (`?progress=1`); result lines are unchanged. */
  readonly progress?: ProgressOptions;
}

export interface ProgressOptions {
  /** A progress line after every this many results... */
  readonly everyObjects: number;
  /** ...or after the first result this long after the previous progress line. */
  readonly everyMs: number;
}

/** `{"progress": {...}}`: told apart from result lines (which have `line`) and the summary by its key. */
export interface ProgressLine {
  progress: { objects: number; succeeded: number; failed: number; objectsPerSecond: number };
}

/** `{line, index, id, status, error?}`: one per non-blank input line. */
interface LineResult {
  line: number;
  index: number;
  id: string | null;
  status: "success" | "failed";
  error?: string;
  grpcCode?: string;
}

const decoder = new TextDecoder("utf-8", { fatal: true });

type Parsed = { object: ObjectInput } | { error: string; id?: string };

function parseLine(bytes: Uint8Array): Parsed | undefined {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return { error: "the line is not valid UTF-8" };
  }
  if (!text.trim()) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { error: `malformed JSON: ${(e as Error).message}` };
  }
  // The one-loop vector check first; zod's full schema only to explain a refusal.
  const fast = FastObjectInput.safeParse(json);
  if (fast.success) return { object: fast.data };
  const parsed = ObjectInput.safeParse(json);
  if (parsed.success) return { object: parsed.data };
  const id = (json as { id?: unknown })?.id;
  const issues = parsed.error.issues.slice(0, 5).map((i) => `${formatPath(i.path)}: ${i.message}`);
  return { error: issues.join("; "), id: typeof id === "string" ? id : undefined };
}

/**
 * Streams an NDJSON import: lines are read only as fast as chunks can be sent (the writer's `add` waits
 * while `concurrency` chunks are in flight, and the output's back-pressure is honoured too), and result
 * lines are written as chunks complete, so memory stays bounded by chunk size × concurrency whatever the
 * body's size. A bad line fails alone. Ends with a summary line.
 */
export function importNdjson(
  options: ImportOptions,
  body: ReadableStream<Uint8Array>,
): ReadableStream<Uint8Array> {
  const { gw, request, collection } = options;
  const settings = batchSettings(gw.config);
  const started = performance.now();
  const out = createNdjsonOutput();
  let total = 0;
  let failed = 0;
  const indexOf = new Map<number, number>(); // line number → object index, while the line is in flight
  let done = 0;
  let lastProgress = { done: 0, at: started };
  const emit = (r: LineResult) => {
    if (r.status === "failed") failed++;
    done++;
    out.write(r);
    const progress = options.progress;
    if (!progress) return;
    const now = performance.now();
    if (done - lastProgress.done < progress.everyObjects && now - lastProgress.at < progress.everyMs) return;
    lastProgress = { done, at: now };
    const seconds = (now - started) / 1000;
    const line: ProgressLine = {
      progress: {
        objects: done,
        succeeded: done - failed,
        failed,
        objectsPerSecond: Math.round(seconds > 0 ? done / seconds : 0),
      },
    };
    out.write(line);
  };
  const onOutcomes = (outcomes: Outcome[]) => {
    for (const o of outcomes) {
      const index = indexOf.get(o.key) ?? -1;
      indexOf.delete(o.key);
      const r: LineResult = {
        line: o.key,
        index,
        id: o.id,
        status: o.error === undefined ? "success" : "failed",
      };
      if (o.error !== undefined) r.error = o.grpcCode ? `${o.grpcCode}: ${o.error}` : o.error;
      if (o.grpcCode) r.grpcCode = o.grpcCode;
      emit(r);
    }
  };
  const writer = createObjectWriter({ gw, request, consistencyLevel: options.consistencyLevel }, onOutcomes);

  async function pump(): Promise<void> {
    const lines = readLines(body, settings.maxLineBytes);
    try {
      for (;;) {
        const next = await nextLine(lines);
        if (next.done || out.closed) break;
        await handle(next.value);
      }
    } finally {
      await lines.return(undefined);
    }
  }

  /**
   * The next line; if the body pauses for `importFlushMs` first, the partly filled chunk is sent so a
   * slow producer still sees its results promptly instead of at the end.
   */
  async function nextLine(lines: AsyncGenerator<Line>): Promise<IteratorResult<Line>> {
    const next = lines.next();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const paused = new Promise<"paused">((resolve) => {
      timer = setTimeout(() => resolve("paused"), settings.importFlushMs);
    });
    const first = await Promise.race([next, paused]);
    clearTimeout(timer);
    if (first !== "paused") return first;
    await writer.flush();
    return next;
  }

  async function handle(line: Line): Promise<void> {
    await out.ready(); // the client is not reading results: stop reading its body too
    if (line.tooLong !== undefined) {
      emit({
        line: line.n,
        index: total++,
        id: null,
        status: "failed",
        error: `the line is longer than ${settings.maxLineBytes} bytes`,
      });
      return;
    }
    const parsed = parseLine(line.bytes);
    if (!parsed) return;
    const index = total++;
    if ("error" in parsed) {
      emit({ line: line.n, index, id: parsed.id ?? null, status: "failed", error: parsed.error });
      return;
    }
    const id = await assignId(collection, parsed.object, options.ids, options.tenant);
    const issues: TypingIssue[] = [];
    const object = toBatchObject(collection, parsed.object, id, options.tenant, issues, []);
    if (issues.length) {
      const error = issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join("; ");
      emit({ line: line.n, index, id, status: "failed", error });
      return;
    }
    indexOf.set(line.n, index);
    await writer.add(prepareObject(line.n, id, object));
  }

  (async () => {
    try {
      await pump();
    } catch (e) {
      gw.logger.warn("import stopped: the body could not be read", { error: String(e) });
      out.write({ error: "the request body could not be read to its end" });
    }
    if (out.closed) await body.cancel().catch(() => {});
    await writer.finish();
    const tookMs = Math.round((performance.now() - started) * 10) / 10;
    out.write({ summary: { total, succeeded: total - failed, failed, tookMs } });
    out.close();
  })();
  return out.readable;
}
