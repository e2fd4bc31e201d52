import * as http2 from "node:http2";
import { isIP } from "node:net";
import { Code, GrpcError } from "../status.js";
import type { GrpcTarget } from "../upstream-url.js";
import { describeError } from "./describe-error.js";

/**
 * Client stream ids are odd 31-bit numbers, so a session has 2^30 of them (RFC 9113 §5.1.1). Retire the
 * session a little before, rather than meet ERR_HTTP2_OUT_OF_STREAMS on a call.
 */
const MAX_STREAMS_PER_SESSION = 2 ** 30 - 1024;
const INITIAL_BACKOFF_MS = 100;
/** Per-stream receive window: a large reply streams without waiting a round trip per 64 KiB. */
const STREAM_WINDOW_BYTES = 4 * 1024 * 1024;
/** Connection receive window, shared by the streams of a session. */
const SESSION_WINDOW_BYTES = 32 * 1024 * 1024;
const MIB = 1024 * 1024;

export interface SessionPoolOptions {
  readonly target: GrpcTarget;
  /** The URL as configured, for error messages. */
  readonly url: string;
  readonly maxMessageBytes: number;
  readonly maxReconnectBackoffMs: number;
  readonly idleResetMs: number;
  readonly keepaliveTimeMs: number;
  readonly keepaliveTimeoutMs: number;
  readonly rootCerts?: Uint8Array;
  readonly now: () => number;
}

/** One HTTP/2 connection and what the transport tracks about it. */
export interface Connection {
  readonly session: http2.ClientHttp2Session;
  /** Calls in flight: keepalive pings are sent only while there are some. */
  active: number;
  /** Streams opened on this session. */
  opened: number;
  /** When the last call started here (idle tracking; only kept when idleResetMs is set). */
  lastUsed: number;
  /** The server's SETTINGS arrived: the peer speaks HTTP/2, and the reconnect backoff resets. */
  ready: boolean;
  /** The session takes no new calls (closing after GOAWAY, idle, out of stream ids). */
  retired: boolean;
  /** The session has closed. */
  gone: boolean;
  /** Why the connection failed, when it did. */
  failure?: string;
  keepalive?: ReturnType<typeof setInterval>;
  pingTimer?: ReturnType<typeof setTimeout>;
}

export interface SessionPool {
  /** The session for a new call (connecting if needed), or UNAVAILABLE while backing off or closed. */
  acquire(): Connection;
  /** Stops giving out this session (it finishes its calls and closes). */
  retire(connection: Connection): void;
  close(): Promise<void>;
  /** Opens a session ahead of the first call; one that fails arms no backoff (the next call tries anew). */
  preconnect(): void;
}

/**
 * One long-lived HTTP/2 session per upstream, replaced when it dies. A call finding no session opens one
 * (runtimes also open one at start-up, preconnect), and calls made while it connects are queued by
 * node:http2 on that same session.
 * After a failed connect, calls fail fast with the last error until a backoff (100 ms, doubling, capped)
 * has passed; then the next call tries again, so an upstream that comes back is found without a timer.
 */
export function createSessionPool(options: SessionPoolOptions): SessionPool {
  const { target, now } = options;
  const authority = `${target.tls ? "https" : "http"}://${target.address}`;
  const host = target.host.replace(/^\[(.*)\]$/, "$1");
  const connectOptions: http2.SecureClientSessionOptions = {
    settings: { enablePush: false, initialWindowSize: STREAM_WINDOW_BYTES },
    // node:http2 counts data queued for sending against this credit and refuses new streams past it
    // (ENHANCE_YOUR_CALM); a maximal request in flight must fit, with room for the windows.
    maxSessionMemory: Math.ceil((2 * options.maxMessageBytes + SESSION_WINDOW_BYTES) / MIB) + 10,
    ...(target.tls && {
      ALPNProtocols: ["h2"],
      ca: options.rootCerts && Buffer.from(options.rootCerts),
      // SNI must not carry an IP address (RFC 6066 §3).
      servername: isIP(host) ? undefined : host,
    }),
  };

  let current: Connection | undefined;
  let closed = false;
  let backoffMs = 0;
  let retryAt = 0;
  /** The last connection that failed before its handshake; its failure is read when quoted. */
  let failed: Connection | undefined;

  function connect(): Connection {
    const session = http2.connect(authority, connectOptions);
    const connection: Connection = {
      session,
      active: 0,
      opened: 0,
      lastUsed: 0,
      ready: false,
      retired: false,
      gone: false,
    };
    connection.keepalive = setInterval(keepalive, options.keepaliveTimeMs, connection).unref();
    // The socket never keeps the process alive: a call in flight does, through its deadline timer.
    session.unref();
    session.on("connect", () => session.setLocalWindowSize(SESSION_WINDOW_BYTES));
    session.once("remoteSettings", () => {
      connection.ready = true;
      backoffMs = 0;
      retryAt = 0;
    });
    session.on("error", (error: Error) => {
      connection.failure ??= describeError(error);
    });
    // Node closes (NO_ERROR) or destroys (any other code) the session itself; in-flight calls below the
    // last stream id finish.
    session.on("goaway", () => retire(connection));
    session.on("close", () => gone(connection));
    return connection;
  }

  function keepalive(connection: Connection) {
    if (connection.active === 0 || connection.pingTimer || connection.session.destroyed) return;
    connection.pingTimer = setTimeout(pingTimeout, options.keepaliveTimeoutMs, connection).unref();
    try {
      connection.session.ping(() => {
        clearTimeout(connection.pingTimer);
        connection.pingTimer = undefined;
      });
    } catch {
      // A session closing under us: the close handler takes care of it.
    }
  }

  function pingTimeout(connection: Connection) {
    const reason = `no keepalive ping ack within ${options.keepaliveTimeoutMs} ms`;
    connection.failure = reason;
    connection.session.destroy(new Error(reason));
  }

  function retire(connection: Connection) {
    connection.retired = true;
    if (current === connection) current = undefined;
    if (!connection.session.closed) connection.session.close();
  }

  /** The session closed (or was found closed): stop using it, and back off if it never got going. */
  function gone(connection: Connection) {
    if (current === connection) current = undefined;
    if (connection.gone) return;
    connection.gone = true;
    connection.retired = true;
    clearInterval(connection.keepalive);
    clearTimeout(connection.pingTimer);
    // A pre-connect no call asked for (the upstream may simply not be up yet) must not refuse calls.
    if (connection.ready || connection.opened === 0) return;
    backoffMs = backoffMs ? Math.min(backoffMs * 2, options.maxReconnectBackoffMs) : INITIAL_BACKOFF_MS;
    retryAt = now() + backoffMs;
    failed = connection;
  }

  function acquire(): Connection {
    if (closed) throw new GrpcError(Code.UNAVAILABLE, `the transport to ${options.url} is closed`);
    let connection = current;
    if (connection) {
      if (connection.session.closed || connection.session.destroyed) gone(connection);
      else if (connection.opened >= MAX_STREAMS_PER_SESSION) retire(connection);
      // Frozen Lambda environments keep connections that look alive but are dead (grpc-node #2285).
      else if (options.idleResetMs > 0 && now() - connection.lastUsed > options.idleResetMs)
        retire(connection);
      connection = current;
    }
    if (!connection) {
      if (retryAt && now() < retryAt) {
        const reason = failed?.failure ?? "the connection closed before the HTTP/2 handshake";
        throw new GrpcError(
          Code.UNAVAILABLE,
          `upstream ${options.url} unavailable (reconnecting in ${retryAt - now()} ms): ${reason}`,
        );
      }
      connection = connect();
      current = connection;
    }
    if (options.idleResetMs > 0) connection.lastUsed = now();
    connection.opened++;
    return connection;
  }

  /** GOAWAY: calls in flight finish within their deadlines; resolves once an idle session has closed. */
  async function close() {
    closed = true;
    const connection = current;
    if (!connection || connection.session.destroyed) return;
    const idle = connection.active === 0;
    const done = new Promise<void>((resolve) => connection.session.once("close", resolve));
    retire(connection);
    if (idle) await done;
  }

  function preconnect() {
    if (closed || current || (retryAt && now() < retryAt)) return;
    try {
      current = connect();
    } catch {
      // Options node:http2 refuses (a bad CA): the first call meets the same error and reports it.
      return;
    }
    // Idle from now, not from 1970: idleResetMs must not retire it before its first call.
    current.lastUsed = now();
  }

  return { acquire, retire, close, preconnect };
}
