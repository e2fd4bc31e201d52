import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface StaticFile {
  readonly type: string;
  readonly body: string | Uint8Array;
}

export interface StaticServer {
  /** `http://127.0.0.1:<port>`: a separate origin from the gateway's. */
  readonly origin: string;
  close(): Promise<void>;
}

/** Serves fixed files by path on 127.0.0.1 (a page from "another origin", a local copy of a CDN script). */
export async function startStaticServer(files: Record<string, StaticFile>): Promise<StaticServer> {
  const server: Server = createServer((req, res) => {
    const file = files[new URL(req.url ?? "/", "http://x").pathname];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": file.type }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
