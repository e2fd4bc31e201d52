import { isAscii } from "node:buffer";
import { decodeUtf8, type Utf8Decoder } from "../http/read-body.js";

/**
 * Node's faster UTF-8 decoding for JSON bodies that are all ASCII: checked with simdutf (`isAscii`, about
 * 0.04 ms for 2 MB), then copied as Latin-1, which for ASCII bytes is the same text, in about a third of
 * the time TextDecoder takes (0.3 vs 0.85 ms for a 2 MB batch of vectors). Bodies of vector digits are
 * ASCII, and so is all JSON that escapes non-ASCII characters, as Python's json.dumps does by default.
 * Anything else goes to TextDecoder, which also rejects invalid UTF-8.
 */
export const decodeUtf8Node: Utf8Decoder = (bytes) =>
  isAscii(bytes)
    ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1")
    : decodeUtf8(bytes);
