/**
 * Log lines for the Node server: gathered during one turn of the event loop and written to stdout in one
 * call. console.log costs a format pass and a write system call per line (stdout is synchronous for files
 * and pipes on Linux), paid by every request for its access-log line; under load one turn ends many
 * requests, so their lines now share a write. Whatever is pending is written before the process exits.
 */
export interface LineWriter {
  write(line: string): void;
  /** Writes what is pending now (shutdown calls it before process.exit, which also flushes). */
  flush(): void;
}

/** Beyond this many pending characters a line is written at once rather than at the end of the turn. */
const MAX_PENDING_CHARS = 64 * 1024;

export function createStdoutLines(out: { write(text: string): unknown } = process.stdout): LineWriter {
  let pending = "";
  let scheduled = false;
  const flush = () => {
    scheduled = false;
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
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}
