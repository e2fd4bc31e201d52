import { describe, expect, it } from "vitest";
import { createJsonLogger } from "./logger.js";

function capture(level: Parameters<typeof createJsonLogger>[0]) {
  const lines: string[] = [];
  return { lines, logger: createJsonLogger(level, (l) => lines.push(l)) };
}

describe("JSON logger", () => {
  it("writes one JSON object per line: time, level, msg, then the fields", () => {
    const { lines, logger } = capture("info");
    logger.info('request "x"', {
      status: 200,
      route: "/v1/collections/:collection/search",
      skipped: undefined,
    });
    logger.warn("no fields");
    expect(lines).toHaveLength(2);
    const first = JSON.parse(lines[0]);
    expect(Object.keys(first)).toEqual(["time", "level", "msg", "status", "route"]);
    expect(first).toMatchObject({ level: "info", msg: 'request "x"', status: 200 });
    expect(new Date(first.time).toISOString()).toBe(first.time);
    expect(JSON.parse(lines[1])).toMatchObject({ level: "warn", msg: "no fields" });
  });

  it("drops lines below its level", () => {
    const { lines, logger } = capture("warn");
    logger.debug("d");
    logger.info("i");
    logger.error("e", { code: 1 });
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(["e"]);
  });

  it("never writes a key twice: a field named like the envelope replaces it", () => {
    const { lines, logger } = capture("debug");
    logger.info("outer", { msg: "inner", level: "custom" });
    expect(lines[0].match(/"msg"/g)).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ msg: "inner", level: "custom" });
  });
});
