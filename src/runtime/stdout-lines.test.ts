import { describe, expect, it } from "vitest";
import { createStdoutLines, FLUSH_MS } from "./stdout-lines.js";

describe("stdout lines", () => {
  it("writes the lines of a short window in one call, in order, each ending in a newline", async () => {
    const writes: string[] = [];
    const lines = createStdoutLines({ write: (t: string) => writes.push(t) });
    lines.write('{"a":1}');
    lines.write('{"b":2}');
    expect(writes).toEqual([]);
    await new Promise((r) => setTimeout(r, FLUSH_MS + 10));
    expect(writes).toEqual(['{"a":1}\n{"b":2}\n']);
    lines.write("c");
    lines.flush();
    expect(writes).toEqual(['{"a":1}\n{"b":2}\n', "c\n"]);
  });

  it("writes at once when the pending text grows large, so a burst cannot hold much memory", () => {
    const writes: string[] = [];
    const lines = createStdoutLines({ write: (t: string) => writes.push(t) });
    const big = "x".repeat(40 * 1024);
    lines.write(big);
    expect(writes).toHaveLength(0);
    lines.write(big);
    expect(writes).toEqual([`${big}\n${big}\n`]);
  });
});
