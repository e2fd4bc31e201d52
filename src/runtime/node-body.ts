import type { IncomingMessage } from "node:http";

/**
 * A Node request's body of a declared length, read into one buffer of exactly that size: each chunk is
 * copied in as it arrives. @hono/node-server's arrayBuffer() joins the chunks (Buffer.concat, one copy)
 * and slices the result into an ArrayBuffer (a second copy). Those buffers live outside V8's heap, and
 * their volume alone starts full collections: under the batch benchmark (2 MB bodies) the request
 * thread spent about a fifth of its time in mark-compacts of a 12 MB heap, started by external memory.
 *
 * The buffer is the caller's own, so it may move to another thread. Rejects when the body ends short of
 * its length (the client went away), as the adapter's reader does.
 */
export function readDeclaredBody(incoming: IncomingMessage, length: number): Promise<Uint8Array> {
  if (incoming.readableDidRead || incoming.readableEnded || incoming.destroyed)
    return Promise.reject(new Error("the request body was already read"));
  const bytes = new Uint8Array(length);
  let filled = 0;
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      incoming.off("data", onData);
      incoming.off("end", onEnd);
      incoming.off("error", onError);
      incoming.off("close", onClose);
      if (!error && filled === length) resolve(bytes);
      else reject(error ?? new Error(`the request body ended after ${filled} of its ${length} bytes`));
    };
    const onData = (chunk: Buffer) => {
      // Node's parser ends a body at its Content-Length; this only guards that.
      if (filled + chunk.byteLength > length) {
        done(new Error(`the request body is longer than its declared ${length} bytes`));
        incoming.destroy();
        return;
      }
      bytes.set(chunk, filled);
      filled += chunk.byteLength;
    };
    const onEnd = () => done();
    const onError = (error: Error) => done(filled === length ? undefined : error);
    // A client that closes right after sending all of its body still sent a whole body.
    const onClose = () => done();
    incoming.on("data", onData);
    incoming.on("end", onEnd);
    incoming.on("error", onError);
    incoming.on("close", onClose);
  });
}
