import { concatBytes } from "../http/concat-bytes.js";

/** One line of an NDJSON body: its 1-based number and bytes, or the size it reached when over the limit. */
export type Line =
  | { readonly n: number; readonly bytes: Uint8Array; readonly tooLong?: undefined }
  | { readonly n: number; readonly bytes?: undefined; readonly tooLong: number };

/**
 * Splits a byte stream into lines, pulling from the stream only when the consumer asks for the next line
 * (so a slow consumer stops the body being read). At most `maxLineBytes` of one line are held: a longer
 * line is skipped to its end and reported as `tooLong`. Works on bytes, so the limit is exact and a bad
 * UTF-8 sequence stays confined to its line. A trailing CR (CRLF files) is dropped.
 */
export async function* readLines(
  body: ReadableStream<Uint8Array>,
  maxLineBytes: number,
): AsyncGenerator<Line> {
  const reader = body.getReader();
  let parts: Uint8Array[] = [];
  let size = 0;
  let n = 0;
  let skipping = false;
  const take = (): Line => {
    n++;
    if (skipping) {
      const line: Line = { n, tooLong: size };
      skipping = false;
      parts = [];
      size = 0;
      return line;
    }
    let bytes = concatBytes(parts, size);
    if (bytes.byteLength && bytes[bytes.byteLength - 1] === 13) bytes = bytes.subarray(0, -1);
    parts = [];
    size = 0;
    return { n, bytes };
  };
  const append = (piece: Uint8Array) => {
    size += piece.byteLength;
    if (skipping) return;
    if (size > maxLineBytes) {
      skipping = true;
      parts = [];
    } else if (piece.byteLength) parts.push(piece);
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      let start = 0;
      for (let nl = value.indexOf(10); nl >= 0; nl = value.indexOf(10, start)) {
        append(value.subarray(start, nl));
        start = nl + 1;
        yield take();
      }
      if (start < value.byteLength) append(value.slice(start));
    }
    if (size > 0 || skipping) yield take();
  } finally {
    reader.releaseLock();
  }
}
