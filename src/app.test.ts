import { describe, expect, it } from "vitest";
import { createApp } from "./app.js";
import { defaultConfig } from "./config.js";
import type { Transport } from "./grpc/transport.js";
import type { DeadlineTimer } from "./middleware/limits/index.js";

const noUpstream: Transport = {
  unary: () => Promise.reject(new Error("no upstream in this test")),
  close: async () => {},
};

describe("createApp: what the runtime passes in", () => {
  it("times every request's deadline with the runtime's deadline timer", async () => {
    const added: number[] = [];
    let removed = 0;
    const deadlines: DeadlineTimer = {
      add: (deadline) => added.push(deadline),
      remove: () => removed++,
    };
    const config = defaultConfig({ grpcUrl: "grpc://127.0.0.1:1", requestTimeoutMs: 7000 });
    const app = createApp({ transport: noUpstream, config, deadlines });
    const before = Date.now();
    expect((await app.request("/healthz")).status).toBe(200);
    expect(added).toHaveLength(1);
    expect(added[0]).toBeGreaterThanOrEqual(before + 7000);
    expect(added[0]).toBeLessThanOrEqual(Date.now() + 7000);
    expect(removed).toBe(1);
  });

  it("records each request's metrics and log line through the runtime's defer hook", async () => {
    const tasks: (() => void)[] = [];
    const lines: string[] = [];
    const config = defaultConfig({ grpcUrl: "grpc://127.0.0.1:1" });
    const app = createApp({
      transport: noUpstream,
      config,
      logger: {
        debug() {},
        info: (msg, f) => lines.push(JSON.stringify({ msg, ...f })),
        warn() {},
        error() {},
      },
      defer: (task) => tasks.push(task),
    });
    expect((await app.request("/healthz")).status).toBe(200);
    expect([tasks.length, lines.length]).toEqual([1, 0]);
    for (const task of tasks) task();
    expect(JSON.parse(lines[0])).toMatchObject({ msg: "request", route: "/healthz", status: 200 });
  });
});
