import type { IncomingMessage } from "node:http";

/**
 * A Node request's body of a declared length, in one buffer of exactly that size, copied once from the
 * socket's chunks when the last one is in. @hono/node-server's arrayBuffer() joins the chunks
 * (Buffer.concat, one copy) and slices the result into an ArrayBuffer (a second copy). Those buffers live
 * outside V8's heap, and their volume alone starts full collections: under the batch benchmark (2 MB
 * bodies) the request thread spent about a fifth of its time in mark-compacts of a 12 MB heap, started by
 * external memory. Nothing is allocated for bytes that have not arrived, so a large Content-Length alone
 * costs nothing.
 *
 * The buffer is the caller's own, so it may move to another thread. Rejects when the body ends short of
 * its length (the client went away), as the adapter's reader does. Undefined when the body can no longer
 * be read from its start here (a client that half-closed before the route got to its body has a destroyed
 * request whose data is buffered): the adapter's reader, which recovers that case, takes over.
 */
export function readDeclaredBody(incoming: IncomingMessage, length: number): Promise<Uint8Array> | undefined {
  if (incoming.readableDidRead || incoming.readableEnded || incoming.destroyed) return undefined;
  const chunks: Buffer[] = [];
  let received = 0;
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      incoming.off("data", onData);
      incoming.off("end", onEnd);
      incoming.off("error", onError);
      incoming.off("close", onClose);
      if (error || received !== length) {
        reject(error ?? new Error(`the request body ended after ${received} of its ${length} bytes`));
        return;
      }
      const bytes = new Uint8Array(length);
      let at = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, at);
        at += chunk.byteLength;
      }
      resolve(bytes);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.byteLength;
      // Node's parser ends a body at its Content-Length; this only guards that, and bounds the memory.
      if (received > length) {
        done(new Error(`the request body is longer than its declared ${length} bytes`));
        incoming.destroy();
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => done();
    const onError = (error: Error) => done(received === length ? undefined : error);
    // A client that closes right after sending all of its body still sent a whole body.
    const onClose = () => done();
    incoming.on("data", onData);
    incoming.on("end", onEnd);
    incoming.on("error", onError);
    incoming.on("close", onClose);
  });
}
