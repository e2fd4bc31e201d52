import * as http2 from "node:http2";
import type { AddressInfo } from "node:net";
import { expect } from "vitest";
import type { GrpcError } from "../../src/grpc/status.js";

/**
 * Test support (imported only by tests): a plain node:http2 server on 127.0.0.1:0 whose handler writes
 * whatever bytes, statuses and resets a test needs, for the replies grpc-js will not produce (split
 * prefixes, compressed flags, HTTP errors, resets). It records each request's headers and how each stream
 * ended on the server side (its RST_STREAM code).
 */
export interface TestUpstream {
  readonly url: string;
  readonly port: number;
  /** Sessions accepted so far. */
  readonly sessions: () => number;
  /** Each stream's request headers, in arrival order. */
  readonly requests: http2.IncomingHttpHeaders[];
  /** Resolves with the RST_STREAM code the n-th stream (0-based) closed with. */
  readonly closed: (n: number) => Promise<number>;
  close(): Promise<void>;
}

export type Handler = (stream: http2.ServerHttp2Stream, body: Promise<Buffer>) => void;

export async function startTestUpstream(handler: Handler): Promise<TestUpstream> {
  const server = http2.createServer();
  const requests: http2.IncomingHttpHeaders[] = [];
  const closes: Promise<number>[] = [];
  let sessions = 0;
  server.on("session", (session) => {
    sessions++;
    session.on("error", () => {});
  });
  server.on("stream", (stream, headers) => {
    requests.push(headers);
    stream.on("error", () => {});
    closes.push(new Promise((resolve) => stream.on("close", () => resolve(stream.rstCode ?? 0))));
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    handler(stream, new Promise((resolve) => stream.on("end", () => resolve(Buffer.concat(chunks)))));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `grpc://127.0.0.1:${port}`,
    port,
    sessions: () => sessions,
    requests,
    closed: async (n) => {
      for (let i = 0; i < 100 && !closes[n]; i++) await new Promise((r) => setTimeout(r, 10));
      return closes[n];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Sessions a test left open would hold close() forever.
        setTimeout(resolve, 200).unref();
      }),
  };
}

/** A length-prefixed gRPC message (flag, uint32 BE length, payload). */
export function lengthPrefixed(payload: Uint8Array, flags = 0): Buffer {
  const frame = Buffer.alloc(5 + payload.byteLength);
  frame[0] = flags;
  frame.writeUInt32BE(payload.byteLength, 1);
  frame.set(payload, 5);
  return frame;
}

/** Answers 200 application/grpc with these DATA bytes and then these trailers. */
export function grpcReply(
  stream: http2.ServerHttp2Stream,
  data: Uint8Array[],
  trailers: http2.OutgoingHttpHeaders = { "grpc-status": "0" },
) {
  stream.respond({ ":status": 200, "content-type": "application/grpc" }, { waitForTrailers: true });
  stream.on("wantTrailers", () => stream.sendTrailers(trailers));
  for (const chunk of data) stream.write(chunk);
  stream.end();
}

/** The GrpcError a call failed with; fails the test if the call succeeded. */
export function failure(promise: Promise<unknown>): Promise<GrpcError> {
  return promise.then(
    () => expect.fail("the call succeeded"),
    (e: unknown) => e as GrpcError,
  );
}
