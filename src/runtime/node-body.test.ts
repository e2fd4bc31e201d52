import { createServer, type IncomingMessage, type Server } from "node:http";
import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { readDeclaredBody } from "./node-body.js";

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A server that reads each request with readDeclaredBody and hands over the outcome. */
function serve(): Promise<{ port: number; next: Promise<Uint8Array | Error> }> {
  let settle: (r: Uint8Array | Error) => void = () => {};
  const next = new Promise<Uint8Array | Error>((resolve) => (settle = resolve));
  server = createServer((req: IncomingMessage, res) => {
    readDeclaredBody(req, Number(req.headers["content-length"]))?.then(
      (bytes) => {
        settle(bytes);
        res.end(String(bytes.byteLength));
      },
      (error: Error) => {
        settle(error);
        res.destroy();
      },
    );
  });
  return new Promise((resolve) =>
    server?.listen(0, "127.0.0.1", () => {
      const address = server?.address();
      resolve({ port: typeof address === "object" && address ? address.port : 0, next });
    }),
  );
}

describe("readDeclaredBody", () => {
  it("reads a body of many chunks into one buffer of its own, byte for byte", async () => {
    const { port, next } = await serve();
    const body = new Uint8Array(3 * 1024 * 1024 + 7).map((_, i) => (i * 31) & 0xff);
    const res = await fetch(`http://127.0.0.1:${port}/`, { method: "POST", body });
    expect(await res.text()).toBe(String(body.byteLength));
    const bytes = (await next) as Uint8Array;
    expect(bytes).toEqual(body);
    // The whole of its own buffer, so the batch parser thread can take it without a copy.
    expect([bytes.byteOffset, bytes.buffer.byteLength]).toEqual([0, body.byteLength]);
  });

  it("rejects a body that ends short of its Content-Length when the client goes away", async () => {
    const { port, next } = await serve();
    const socket = connect(port, "127.0.0.1");
    await new Promise((resolve) => socket.once("connect", resolve));
    socket.write("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n");
    socket.write("a".repeat(70_000));
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.destroy();
    const outcome = await next;
    expect(outcome).toBeInstanceOf(Error);
    // Node reports the cut connection ("aborted") before the body's end could be awaited.
    expect(String(outcome)).toBe("Error: aborted");
  });

  it("leaves a body it can no longer read from its start to the adapter's reader", async () => {
    let settle: (r: unknown[]) => void = () => {};
    const outcome = new Promise<unknown[]>((resolve) => (settle = resolve));
    server = createServer((req, res) => {
      req.once("data", () => {
        const begun = readDeclaredBody(req, 10);
        req.destroy();
        settle([begun, readDeclaredBody(req, 10)]);
        res.end();
      });
    });
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    await fetch(`http://127.0.0.1:${port}/`, { method: "POST", body: "0123456789" }).catch(() => undefined);
    // Begun by another reader, and destroyed (as when a client half-closes before the route reads).
    expect(await outcome).toEqual([undefined, undefined]);
  });

  it("allocates nothing for a declared length whose bytes never come", async () => {
    const { port, next } = await serve();
    const socket = connect(port, "127.0.0.1");
    await new Promise((resolve) => socket.once("connect", resolve));
    const before = process.memoryUsage().arrayBuffers;
    socket.write("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000000\r\n\r\nabc");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 1024 * 1024);
    socket.destroy();
    expect(String(await next)).toBe("Error: aborted");
  });
});
