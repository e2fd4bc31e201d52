/**
 * Log lines for the Node server, gathered for up to FLUSH_MS (or 64 KiB) and written to stdout in one call.
 * console.log costs a format pass and a write system call per line (stdout is synchronous for files and
 * pipes on Linux), paid by every request for its access-log line: in `npm run bench` the access log cost
 * about a tenth of small-search throughput. Whatever is pending is written when the process exits (exit
 * event: process.exit, the end of the loop, an uncaught exception); a SIGKILL loses at most FLUSH_MS of lines.
 */
export interface LineWriter {
  write(line: string): void;
  /** Writes what is pending now (the exit handler does the same when the process ends). */
  flush(): void;
}

/** Beyond this many pending characters the lines are written at once. */
const MAX_PENDING_CHARS = 64 * 1024;
/** How long a line may wait for others to share its write. */
export const FLUSH_MS = 20;

export function createStdoutLines(out: { write(text: string): unknown } = process.stdout): LineWriter {
  let pending = "";
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (!pending) return;
    const text = pending;
    pending = "";
    out.write(text);
  };
  process.on("exit", flush);
  return {
    write(line) {
      pending += `${line}\n`;
      if (pending.length >= MAX_PENDING_CHARS) flush();
      // unref: a pending line never keeps the process alive; the exit handler writes it.
      else timer ??= setTimeout(flush, FLUSH_MS).unref();
    },
    flush,
  };
}
