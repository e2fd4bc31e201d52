import type * as z from "zod";
import { ApiError, PROBLEM_TYPES } from "../errors/api-error.js";
import { zodToApiError } from "../errors/from-zod.js";
import { peekState } from "../middleware/request-state.js";
import { concatBytes } from "./concat-bytes.js";

export function payloadTooLarge(limit: number): ApiError {
  return new ApiError({
    status: 413,
    title: "Payload too large",
    detail: `the request body exceeds the limit of ${limit} bytes`,
    type: PROBLEM_TYPES.payloadTooLarge,
  });
}

/** Declared body lengths from which the runtime's own body reader is used (RequestState.readBody). */
export const RUNTIME_READ_BYTES = 64 * 1024;

/**
 * Reads the body as bytes, refusing it with 413 as soon as it passes `limit`: first by Content-Length,
 * before reading anything, then while streaming for chunked bodies that lie or say nothing. The bytes
 * are the caller's own (a fresh buffer, shared with nothing), so they may be moved to another thread.
 */
export async function readBodyBytes(request: Request, limit: number): Promise<Uint8Array> {
  const declared = request.headers.get("content-length");
  const length = declared === null ? Number.NaN : Number(declared);
  if (length > limit) throw payloadTooLarge(limit);
  if (Number.isFinite(length)) {
    // A declared length within the limit: HTTP framing ends the body there, so read it in one piece.
    // arrayBuffer() is the adapters' fast path (@hono/node-server reads the socket directly); touching
    // request.body instead builds a full Request and a web stream around it, which costs more than the
    // rest of a small search. A large body goes to the runtime's own reader when it has one (it saves
    // the adapter's copies). The size is still checked, for a Request built with a body that lies.
    let bytes: Uint8Array;
    try {
      const fromRuntime = length >= RUNTIME_READ_BYTES ? peekState(request)?.readBody?.(length) : undefined;
      bytes = fromRuntime ? await fromRuntime : new Uint8Array(await request.arrayBuffer());
    } catch (error) {
      throw bodyNotReceived(error);
    }
    if (bytes.byteLength > limit) throw payloadTooLarge(limit);
    return bytes;
  }
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let next: ReadableStreamReadResult<Uint8Array>;
    try {
      next = await reader.read();
    } catch (error) {
      throw bodyNotReceived(error);
    }
    const { done, value } = next;
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw payloadTooLarge(limit);
    }
    chunks.push(value);
  }
  // One chunk is the stream's own buffer: copied, so the caller owns what it gets.
  return chunks.length === 1 ? chunks[0].slice() : concatBytes(chunks, size);
}

/**
 * The body stopped before its end: the client went away or broke off its upload. A 400 naming the body,
 * as the access log then records it, rather than an unhandled error with a stack in the error log.
 */
function bodyNotReceived(error: unknown): ApiError {
  const cause = error instanceof Error ? error.message : String(error);
  return bodyProblem(
    "Incomplete body",
    PROBLEM_TYPES.invalid,
    `the request body could not be read to its end: ${cause}`,
  );
}

/** A 400 about the body as a whole. */
function bodyProblem(title: string, type: string, detail: string): ApiError {
  return new ApiError({ status: 400, title, detail, type, errors: [{ path: "(body)", message: detail }] });
}

const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * UTF-8 bytes → text; throws on invalid UTF-8. Runtimes may pass a faster one to the parsers that take it
 * (runtime/node-text.ts), which must give the same text and throw for the same bytes.
 */
export type Utf8Decoder = (bytes: Uint8Array) => string;

/** The portable decoder: WHATWG TextDecoder, fatal on invalid UTF-8. */
export const decodeUtf8: Utf8Decoder = (bytes) => decoder.decode(bytes);

function isJsonType(contentType: string | null): boolean {
  if (!contentType) return false;
  const type = contentType.split(";")[0].trim().toLowerCase();
  return type === "application/json" || (type.startsWith("application/") && type.endsWith("+json"));
}

/** Body → JSON value: 415 for a non-JSON content type, 413 over the limit, 400 for bad UTF-8 or JSON. */
export async function readJson(request: Request, limit: number): Promise<unknown> {
  return parseJsonBytes(await readJsonBytes(request, limit));
}

/** The first half of readJson: the content type checked (415) and the bytes read within the limit (413). */
export async function readJsonBytes(request: Request, limit: number): Promise<Uint8Array> {
  if (!isJsonType(request.headers.get("content-type"))) {
    throw ApiError.unsupportedMediaType("application/json", "");
  }
  return readBodyBytes(request, limit);
}

/** The second half of readJson: UTF-8 bytes → JSON value, 400 for bad UTF-8 or JSON. */
export function parseJsonBytes(bytes: Uint8Array, decode: Utf8Decoder = decodeUtf8): unknown {
  let text: string;
  try {
    text = decode(bytes);
  } catch {
    throw malformed("the body is not valid UTF-8");
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw malformed((e as Error).message);
  }
}

function malformed(detail: string): ApiError {
  return bodyProblem("Malformed JSON", PROBLEM_TYPES.malformedJson, detail);
}

/** Validates with a zod schema; failures become one FieldError per bad field. */
export function validate<S extends z.ZodType>(schema: S, value: unknown, prefix = ""): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw zodToApiError(result.error, prefix);
  return result.data;
}

/**
 * Validates with `fast`, a cheaper schema accepting exactly what `full` accepts; only when it fails does
 * `full` run, so errors read exactly as `full` reports them.
 */
export function validateFast<S extends z.ZodType>(
  fast: z.ZodType<z.infer<S>>,
  full: S,
  value: unknown,
  prefix = "",
): z.infer<S> {
  const result = fast.safeParse(value);
  return result.success ? result.data : validate(full, value, prefix);
}
