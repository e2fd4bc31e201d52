import { describe, expect, it } from "vitest";
import { ApiError } from "../errors/api-error.js";
import { stateOf } from "../middleware/request-state.js";
import { RUNTIME_READ_BYTES, readBodyBytes } from "./read-body.js";

const post = (body: Uint8Array<ArrayBuffer>) => new Request("http://gw/x", { method: "POST", body });

describe("readBodyBytes", () => {
  it("reads a large declared body with the runtime's reader when it has one, and a small one itself", async () => {
    const asked: number[] = [];
    const fromRuntime = new Uint8Array([1, 2, 3]);
    const withReader = (request: Request) => {
      stateOf(request).readBody = async (length) => {
        asked.push(length);
        return fromRuntime;
      };
      return request;
    };
    const large = new Uint8Array(RUNTIME_READ_BYTES).fill(7);
    const largeRequest = withReader(post(large));
    largeRequest.headers.set("content-length", String(large.byteLength));
    expect(await readBodyBytes(largeRequest, 1 << 20)).toBe(fromRuntime);
    expect(asked).toEqual([RUNTIME_READ_BYTES]);

    const small = new Uint8Array(RUNTIME_READ_BYTES - 1).fill(9);
    const smallRequest = withReader(post(small));
    smallRequest.headers.set("content-length", String(small.byteLength));
    expect(await readBodyBytes(smallRequest, 1 << 20)).toEqual(small);
    expect(asked).toEqual([RUNTIME_READ_BYTES]);
  });

  it("refuses a declared length over the limit before any reader runs", async () => {
    const request = post(new Uint8Array(RUNTIME_READ_BYTES));
    request.headers.set("content-length", String(RUNTIME_READ_BYTES));
    stateOf(request).readBody = () => Promise.reject(new Error("must not be read"));
    const error = await readBodyBytes(request, RUNTIME_READ_BYTES - 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(413);
  });

  it("answers a body that breaks off, declared or streamed, with a 400 naming the body", async () => {
    const declared = post(new Uint8Array(RUNTIME_READ_BYTES));
    declared.headers.set("content-length", String(RUNTIME_READ_BYTES));
    stateOf(declared).readBody = () => Promise.reject(new Error("aborted"));
    let sentOne = false;
    const streamed = new Request("http://gw/x", {
      method: "POST",
      body: new ReadableStream({
        pull(controller) {
          if (sentOne) controller.error(new Error("connection reset"));
          else controller.enqueue(new Uint8Array(10));
          sentOne = true;
        },
      }),
      duplex: "half",
    } as RequestInit);
    for (const [request, cause] of [
      [declared, "aborted"],
      [streamed, "connection reset"],
    ] as const) {
      const error = await readBodyBytes(request, 1 << 20).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect({ ...(error as ApiError) }).toMatchObject({
        status: 400,
        title: "Incomplete body",
        detail: `the request body could not be read to its end: ${cause}`,
        errors: [{ path: "(body)" }],
      });
    }
  });
});
