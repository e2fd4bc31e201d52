/** A parsed `grpc://host:port` (plaintext h2c) or `grpcs://host:port` (TLS) upstream URL. */
export interface GrpcTarget {
  readonly host: string;
  readonly port: number;
  readonly tls: boolean;
  /** `host:port`, the HTTP/2 :authority (IPv6 hosts bracketed). */
  readonly address: string;
}

export function parseGrpcUrl(raw: string): GrpcTarget {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // The value is not repeated: a malformed URL may hold a credential, and this message reaches logs.
    throw new TypeError("not a URL (expected grpc://host:port or grpcs://host:port)");
  }
  const tls = url.protocol === "grpcs:";
  if (!tls && url.protocol !== "grpc:") {
    throw new TypeError(`unsupported scheme ${url.protocol} (expected grpc: or grpcs:)`);
  }
  if (!url.hostname) throw new TypeError("the URL has no host");
  if ((url.pathname && url.pathname !== "/") || url.search || url.username) {
    throw new TypeError("the URL must be only scheme, host and port");
  }
  const port = url.port ? Number(url.port) : tls ? 443 : 50051;
  return { host: url.hostname, port, tls, address: `${url.hostname}:${port}` };
}
