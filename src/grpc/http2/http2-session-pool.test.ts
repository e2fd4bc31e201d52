import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import * as http2 from "node:http2";
import { type AddressInfo, createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  failure,
  grpcReply,
  lengthPrefixed,
  startTestUpstream,
} from "../../../test/support/h2-test-upstream.js";
import { delay, startRecordingUpstream } from "../../../test/support/recording-upstream.js";
import { SearchReply } from "../../gen/v1/search_get.js";
import { methods } from "../methods.js";
import { Code } from "../status.js";
import type { Transport } from "../transport.js";
import { createHttp2Transport } from "./create-http2-transport.js";

const search = (t: Transport, timeoutMs = 1000) =>
  t.unary(methods.search, { collection: "A" }, { metadata: new Headers(), timeoutMs });

const replyTook = (took: number) => lengthPrefixed(SearchReply.encode({ took }).finish());

/** A raw TCP server: `onSocket` decides what the peer says (nothing, garbage, a bare HTTP/2 preface). */
async function rawServer(onSocket: (socket: Socket) => void) {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server: Server = createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on("error", () => {});
    onSocket(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `grpc://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections: () => connections,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe("http2 session lifecycle", () => {
  it("fails a refused connect at once, then fails fast during the backoff, which doubles to its cap", async () => {
    let now = 1_000_000;
    const peer = await rawServer((socket) => socket.destroy());
    const t = createHttp2Transport({ url: peer.url, maxReconnectBackoffMs: 300, now: () => now });
    const started = Date.now();
    const first = await failure(search(t, 5000));
    expect(first.code).toBe(Code.UNAVAILABLE);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(peer.connections()).toBe(1);

    const during = await failure(search(t, 5000));
    expect(during.code).toBe(Code.UNAVAILABLE);
    expect(during.message).toContain("reconnecting in 100 ms");
    expect(peer.connections()).toBe(1);

    // 100 ms, then 200, then the 300 ms cap.
    for (const [wait, attempts] of [
      [100, 2],
      [199, 2],
      [1, 3],
      [299, 3],
      [1, 4],
      [300, 5],
    ]) {
      now += wait;
      expect((await failure(search(t, 5000))).code).toBe(Code.UNAVAILABLE);
      await delay(20);
      expect(peer.connections()).toBe(attempts);
    }
    await t.close();
    await peer.close();
  });

  it("quotes the connect error while backing off", async () => {
    const lone = await startRecordingUpstream();
    await lone.close();
    const t = createHttp2Transport({ url: lone.url, maxReconnectBackoffMs: 60_000 });
    expect((await failure(search(t))).message).toContain("ECONNREFUSED");
    const during = await failure(search(t));
    expect(during.message).toMatch(/reconnecting in \d+ ms\): connect ECONNREFUSED/);
    await t.close();
  });

  it("fails a call in flight with UNAVAILABLE when the upstream dies, and finds it again on the same port", async () => {
    const first = await startRecordingUpstream();
    first.on("Search", () => delay(2000));
    const t = createHttp2Transport({ url: first.url, maxReconnectBackoffMs: 200 });
    const pending = failure(search(t, 5000));
    await delay(100);
    first.kill();
    const error = await pending;
    expect(error.code).toBe(Code.UNAVAILABLE);
    expect(error.message).toContain(first.url);

    const back = await startRecordingUpstream(first.port);
    back.on("Search", () => ({ took: 7 }));
    let reply: { took?: number } | undefined;
    for (let i = 0; i < 30 && !reply; i++) {
      reply = await search(t).catch(() => undefined);
      if (!reply) await delay(50);
    }
    expect(reply?.took).toBe(7);
    await t.close();
    await back.close();
  });

  it("lets a call in flight finish after a graceful GOAWAY, and connects anew for the next call", async () => {
    const first = await startRecordingUpstream();
    first.on("Search", async () => {
      await delay(200);
      return { took: 1 };
    });
    const t = createHttp2Transport({ url: first.url });
    const inFlight = search(t, 5000);
    await delay(50);
    const closing = first.close(); // grpc-js tryShutdown: GOAWAY, then wait for calls
    const back = await startRecordingUpstream(first.port);
    back.on("Search", () => ({ took: 2 }));
    expect((await inFlight).took).toBe(1);
    await closing;
    expect((await search(t)).took).toBe(2);
    expect(back.calls).toHaveLength(1);
    await t.close();
    await back.close();
  });

  it("fails calls with UNAVAILABLE on a GOAWAY with an error, and reconnects", async () => {
    let n = 0;
    const u = await startTestUpstream((stream) => {
      if (n++ === 0) stream.session?.goaway(http2.constants.NGHTTP2_ENHANCE_YOUR_CALM);
      else grpcReply(stream, [replyTook(3)]);
    });
    const t = createHttp2Transport({ url: u.url });
    expect((await failure(search(t))).code).toBe(Code.UNAVAILABLE);
    expect((await search(t)).took).toBe(3);
    expect(u.sessions()).toBe(2);
    await t.close();
    await u.close();
  });

  it("fails with UNAVAILABLE well before the deadline when the peer does not speak HTTP/2", async () => {
    const peer = await rawServer((socket) =>
      socket.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"),
    );
    const t = createHttp2Transport({ url: peer.url });
    const started = Date.now();
    const error = await failure(search(t, 5000));
    expect(error.code).toBe(Code.UNAVAILABLE);
    expect(error.message).toContain(peer.url);
    expect(Date.now() - started).toBeLessThan(1000);
    await t.close();
    await peer.close();
  });

  it("destroys a session whose peer stops acking keepalive pings, failing its calls with UNAVAILABLE", async () => {
    // An HTTP/2 peer that sends its SETTINGS (and acks ours), then goes silent.
    const SETTINGS = Buffer.from([0, 0, 0, 4, 0, 0, 0, 0, 0]);
    const SETTINGS_ACK = Buffer.from([0, 0, 0, 4, 1, 0, 0, 0, 0]);
    const peer = await rawServer((socket) => socket.write(Buffer.concat([SETTINGS, SETTINGS_ACK])));
    const t = createHttp2Transport({ url: peer.url, keepaliveTimeMs: 100, keepaliveTimeoutMs: 100 });
    const started = Date.now();
    const error = await failure(search(t, 5000));
    expect(error.code).toBe(Code.UNAVAILABLE);
    expect(error.message).toContain("no keepalive ping ack within 100 ms");
    expect(Date.now() - started).toBeLessThan(1000);
    await t.close();
    await peer.close();
  });

  it("keeps a long call alive while its pings are acked", async () => {
    const u = await startTestUpstream((stream) => setTimeout(() => grpcReply(stream, [replyTook(4)]), 400));
    const t = createHttp2Transport({ url: u.url, keepaliveTimeMs: 50, keepaliveTimeoutMs: 50 });
    expect((await search(t, 5000)).took).toBe(4);
    expect(u.sessions()).toBe(1);
    await t.close();
    await u.close();
  });

  it("replaces a session that has been idle longer than idleResetMs", async () => {
    let now = 0;
    const u = await startTestUpstream((stream) => grpcReply(stream, [replyTook(1)]));
    const t = createHttp2Transport({ url: u.url, idleResetMs: 1000, now: () => now });
    await search(t);
    now += 1000;
    await search(t);
    expect(u.sessions()).toBe(1);
    now += 1001;
    await search(t);
    expect(u.sessions()).toBe(2);
    await t.close();
    await u.close();
  });

  it("opens its session on connect(), before any call, and the first call uses it", async () => {
    let now = 5_000_000;
    const u = await startTestUpstream((stream) => grpcReply(stream, [replyTook(2)]));
    // idleResetMs set, as on Lambda: the pre-opened session is not taken for one idle since 1970.
    const t = createHttp2Transport({ url: u.url, idleResetMs: 60_000, now: () => now });
    t.connect?.();
    t.connect?.();
    for (let i = 0; i < 100 && u.sessions() === 0; i++) await delay(5);
    expect([u.sessions(), u.requests.length]).toEqual([1, 0]);
    now += 1000;
    expect((await search(t)).took).toBe(2);
    expect(u.sessions()).toBe(1);
    await t.close();
    await u.close();
  });

  it("arms no backoff when a connect() no call asked for fails: the first call connects anew", async () => {
    const lone = await startRecordingUpstream();
    await lone.close();
    const peer = await rawServer((socket) => socket.destroy());
    for (const url of [lone.url, peer.url]) {
      // A frozen clock: a backoff the failed pre-connect armed would still be running at the call,
      // however long the wait for that failure takes on a busy machine.
      const t = createHttp2Transport({ url, maxReconnectBackoffMs: 60_000, now: () => 1_000_000 });
      t.connect?.();
      await delay(150);
      const first = await failure(search(t));
      expect(first.code).toBe(Code.UNAVAILABLE);
      // Its own attempt's error, not "reconnecting in ... ms" left by the failed pre-connect.
      expect(first.message).not.toContain("reconnecting in");
      await t.close();
    }
    expect(peer.connections()).toBe(2);
    await peer.close();
  });

  it("lets calls in flight finish on close() and fails later calls with UNAVAILABLE", async () => {
    const u = await startTestUpstream((stream) => setTimeout(() => grpcReply(stream, [replyTook(5)]), 100));
    const t = createHttp2Transport({ url: u.url });
    const inFlight = search(t);
    await delay(20);
    await t.close();
    expect((await inFlight).took).toBe(5);
    const after = await failure(search(t));
    expect(after.code).toBe(Code.UNAVAILABLE);
    expect(after.message).toContain("closed");
    await u.close();
  });

  it("does not keep the process alive when idle", async () => {
    const u = await startTestUpstream((stream) => grpcReply(stream, [replyTook(6)]));
    const module = new URL("./create-http2-transport.ts", import.meta.url).pathname;
    const methodsModule = new URL("../methods.ts", import.meta.url).pathname;
    // A process that makes one call and never closes the transport must still exit by itself.
    const script = `
      const { createHttp2Transport } = await import(${JSON.stringify(module)});
      const { methods } = await import(${JSON.stringify(methodsModule)});
      const t = createHttp2Transport({ url: process.argv[1] });
      const reply = await t.unary(methods.search, {}, { metadata: new Headers(), timeoutMs: 60000 });
      console.log("took", reply.took);`;
    const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        ["--import", "tsx", "--input-type=module", "-e", script, u.url],
        { timeout: 10_000 },
        (error, out) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout: out }),
      );
      child.stdin?.end();
    });
    expect(stdout.trim()).toBe("took 6");
    expect(code).toBe(0);
    await u.close();
  });
});

function makeCertificate(): { key: Buffer; cert: Buffer } | undefined {
  try {
    const dir = mkdtempSync(join(tmpdir(), "http2-tls-"));
    execFileSync(
      "openssl",
      ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1"]
        .concat(["-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem"), "-subj", "/CN=localhost"])
        .concat(["-addext", "subjectAltName=DNS:localhost"]),
      { stdio: "ignore" },
    );
    return { key: readFileSync(join(dir, "key.pem")), cert: readFileSync(join(dir, "cert.pem")) };
  } catch {
    return undefined;
  }
}

const certificate = makeCertificate();

describe.skipIf(!certificate)("http2 transport over TLS", () => {
  async function tlsUpstream() {
    const server = http2.createSecureServer({ key: certificate?.key, cert: certificate?.cert });
    server.on("stream", (stream) => grpcReply(stream, [replyTook(8)]));
    server.on("sessionError", () => {});
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return { port: (server.address() as AddressInfo).port, server };
  }

  it("reaches a grpcs:// upstream with a private CA, verifying its name", async () => {
    const { port, server } = await tlsUpstream();
    const t = createHttp2Transport({ url: `grpcs://localhost:${port}`, rootCerts: certificate?.cert });
    expect((await search(t)).took).toBe(8);
    await t.close();
    server.close();
  });

  it("fails with UNAVAILABLE naming the certificate problem without the CA", async () => {
    const { port, server } = await tlsUpstream();
    const t = createHttp2Transport({ url: `grpcs://localhost:${port}` });
    const error = await failure(search(t));
    expect(error.code).toBe(Code.UNAVAILABLE);
    expect(error.message).toMatch(/certificate/i);
    await t.close();
    server.close();
  });
});
