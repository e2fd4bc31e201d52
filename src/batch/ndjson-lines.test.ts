import { describe, expect, it } from "vitest";
import { type Line, readLines } from "./ndjson-lines.js";

function streamOf(...pieces: string[]): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  return new ReadableStream({
    start(c) {
      for (const p of pieces) c.enqueue(enc.encode(p));
      c.close();
    },
  });
}

async function collect(body: ReadableStream<Uint8Array>, max = 1024) {
  const out: (string | { n: number; tooLong: number })[] = [];
  const dec = new TextDecoder();
  for await (const line of readLines(body, max) as AsyncGenerator<Line>)
    out.push(line.bytes ? `${line.n}:${dec.decode(line.bytes)}` : { n: line.n, tooLong: line.tooLong });
  return out;
}

describe("readLines", () => {
  it("splits lines across chunk boundaries, numbering them from 1", async () => {
    expect(await collect(streamOf('{"a"', ':1}\n{"b":2}\n', "\n", '{"c":3}'))).toEqual([
      '1:{"a":1}',
      '2:{"b":2}',
      "3:",
      '4:{"c":3}',
    ]);
  });

  it("drops the CR of CRLF line ends", async () => {
    expect(await collect(streamOf("a\r\nb\r\n"))).toEqual(["1:a", "2:b"]);
  });

  it("reports a line over the limit without holding it, and carries on with the next", async () => {
    expect(await collect(streamOf("short\n", "x".repeat(6), "x".repeat(6), "\nok\n"), 10)).toEqual([
      "1:short",
      { n: 2, tooLong: 12 },
      "3:ok",
    ]);
  });

  it("pulls from the body only as lines are consumed", async () => {
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>(
      {
        pull(c) {
          pulls++;
          c.enqueue(new TextEncoder().encode("line\n"));
        },
      },
      { highWaterMark: 0 },
    );
    const lines = readLines(body, 100);
    await lines.next();
    await lines.next();
    expect(pulls).toBeLessThanOrEqual(3);
    await lines.return(undefined);
  });
});
