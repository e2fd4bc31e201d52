import { SearchReply } from "../gen/v1/search_get.js";
import { msToIso, tookMs } from "./common.js";
import { shortestFloat32, writeShortestFloat32 } from "./float32-json.js";
import { fromSearchReply } from "./search-reply.js";
import { int64ToJson } from "./values.js";

/**
 * A search reply's wire bytes to the JSON answer's bytes. `fromSearchReply` (search-reply.ts) is the
 * mapping; this renders the same JSON text as `JSON.stringify(fromSearchReply(SearchReply.decode(bytes)))`,
 * in one pass over the wire bytes, for the replies most searches get: objects with scalar properties and
 * lists of them, metadata and a single vector. Strings are copied as UTF-8 from the reply to the answer,
 * never decoded to JavaScript strings, and no message objects are built.
 *
 * Anything else (references, nested objects and lists of them, geo and phone values, named vectors,
 * generative results, groups, query profiles, invalid UTF-8, malformed or unusual wire data, fields the
 * answer does not show but ts-proto would read differently) makes `renderSearchReply` return undefined,
 * and `decodeSearchReply` then decodes the reply for the general path, which defines the outcome (its
 * answer, or its decode error). Any other error inside the renderer falls back the same way. A seeded
 * property test holds the two to identical bytes.
 *
 * Why a second rendering of one mapping: decoding into ts-proto's objects, building the answer's objects
 * and stringifying them cost a small search about a quarter of the gateway's CPU, most of it in garbage
 * collection (`npm run bench:ab`: 224 → 173 µs of CPU per request, +24% requests per second at c=16).
 */
export function decodeSearchReply(bytes: Uint8Array): Uint8Array | SearchReply {
  return renderSearchReply(bytes) ?? SearchReply.decode(bytes);
}

/**
 * The search answer's JSON bytes from what decodeSearchReply gave. The general translation runs here, not
 * in the decoder, so an error of its own is the gateway's (500) rather than a reply Weaviate got wrong.
 */
export function searchAnswerJson(reply: Uint8Array | SearchReply): Uint8Array {
  return reply instanceof Uint8Array ? reply : ENCODER.encode(JSON.stringify(fromSearchReply(reply)));
}

/** The JSON bytes of a reply within the common subset, else undefined. */
export function renderSearchReply(bytes: Uint8Array): Uint8Array | undefined {
  out.pos = 0;
  let rendered: Uint8Array | undefined;
  try {
    writeReply(new Reader(bytes), bytes.length);
    rendered = out.buf.slice(0, out.pos);
  } catch {
    // Outside the subset, or malformed: the general path decides.
  }
  if (out.buf.length > KEEP_BYTES) out.buf = new Uint8Array(INITIAL_BYTES);
  return rendered;
}

const ENCODER = new TextEncoder();
const INITIAL_BYTES = 16 * 1024;
/** The shared output buffer is kept across calls up to this size (a larger reply gets a fresh one). */
const KEEP_BYTES = 1024 * 1024;

// Wire types (protobuf encoding).
const VARINT = 0;
const I64 = 1;
const LEN = 2;
const I32 = 5;

/**
 * Thrown to leave the fast path; any other error leaves it too. One instance, made at the first use, so no
 * stack is captured per reply (and none at module load, which the container's startup snapshot cannot hold).
 */
let OUTSIDE: Error | undefined;
const outside = (): never => {
  OUTSIDE ??= new Error("outside the fast path's subset");
  throw OUTSIDE;
};

class Reader {
  pos = 0;
  /** The low and high 32 bits of the last varint read by varint64(). */
  lo = 0;
  hi = 0;
  readonly view: DataView;
  constructor(readonly buf: Uint8Array) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  /** A varint of at most 32 bits (tags, lengths); longer ones leave the fast path. */
  uint32(end: number): number {
    const buf = this.buf;
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 5; i++) {
      if (this.pos >= end) outside();
      const b = buf[this.pos++];
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value > 0xffffffff ? outside() : value;
      scale *= 128;
    }
    return outside();
  }

  /** Any varint, as lo/hi 32-bit halves (two's complement for int64). */
  varint64(end: number): void {
    const buf = this.buf;
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= end) outside();
      const b = buf[this.pos++];
      const bits = b & 0x7f;
      if (i < 4) lo |= bits << (7 * i);
      else if (i === 4) {
        lo |= bits << 28;
        hi |= bits >>> 4;
      } else hi |= bits << (7 * i - 32);
      if (b < 0x80) {
        this.lo = lo >>> 0;
        this.hi = hi >>> 0;
        return;
      }
    }
    outside();
  }

  bool(end: number): boolean {
    this.varint64(end);
    return (this.lo | this.hi) !== 0;
  }

  /** The end of a length-delimited field that starts here, within `end`. */
  lenEnd(end: number): number {
    const len = this.uint32(end);
    const fieldEnd = this.pos + len;
    return fieldEnd > end ? outside() : fieldEnd;
  }

  float(end: number): number {
    if (this.pos + 4 > end) outside();
    const value = this.view.getFloat32(this.pos, true);
    this.pos += 4;
    return value;
  }

  double(end: number): number {
    if (this.pos + 8 > end) outside();
    const value = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return value;
  }

  /**
   * Skips a field the answer does not show, by its wire type, within `end` (stricter than ts-proto, which
   * checks only the buffer's end); groups and invalid wire types leave the fast path.
   */
  skip(wireType: number, end: number): void {
    if (wireType === VARINT) this.varint64(end);
    else if (wireType === I64) this.pos += 8;
    else if (wireType === LEN) this.pos = this.lenEnd(end);
    else if (wireType === I32) this.pos += 4;
    else outside();
    if (this.pos > end) outside();
  }

  /** The next tag; tag 0 (where ts-proto stops reading a message) leaves the fast path. */
  tag(end: number): number {
    const tag = this.uint32(end);
    return tag === 0 ? outside() : tag;
  }
}

/** The growing output; one per process, as rendering is synchronous. */
const out = {
  buf: new Uint8Array(INITIAL_BYTES),
  pos: 0,
};

function reserve(n: number): Uint8Array {
  if (out.pos + n > out.buf.length) {
    const bigger = new Uint8Array(Math.max(out.buf.length * 2, out.pos + n));
    bigger.set(out.buf.subarray(0, out.pos));
    out.buf = bigger;
  }
  return out.buf;
}

/** ASCII text (punctuation, keys, numbers, a vector's JSON). */
function writeAscii(text: string): void {
  const n = text.length;
  const buf = reserve(n);
  if (n > LONG_TEXT) {
    out.pos += ENCODER.encodeInto(text, buf.subarray(out.pos)).written;
    return;
  }
  let pos = out.pos;
  for (let i = 0; i < n; i++) buf[pos++] = text.charCodeAt(i);
  out.pos = pos;
}

/** Past this length, text is copied by the platform's encoder rather than a loop. */
const LONG_TEXT = 64;

/** A number as JSON.stringify prints it (null for NaN and the infinities). */
function writeNumber(value: number): void {
  writeAscii(Number.isFinite(value) ? String(value) : "null");
}

const HEX = "0123456789abcdef";
/** JSON.stringify's escapes for the ASCII characters it escapes. */
const ESCAPES: readonly string[] = Array.from({ length: 0x60 }, (_, c) => {
  if (c === 0x22) return '\\"';
  if (c === 0x5c) return "\\\\";
  if (c >= 0x20) return "";
  const short = { 8: "\\b", 9: "\\t", 10: "\\n", 12: "\\f", 13: "\\r" }[c];
  return short ?? `\\u00${HEX[c >> 4]}${HEX[c & 15]}`;
});

/**
 * A string field's UTF-8 bytes as a JSON string, as JSON.stringify would print the decoded text. Invalid
 * UTF-8 (which the decoder would replace with U+FFFD) leaves the fast path.
 */
function writeString(src: Uint8Array, start: number, end: number): void {
  // At most six output bytes per input byte (\u00XX), and the quotes.
  const buf = reserve(6 * (end - start) + 2);
  let pos = out.pos;
  buf[pos++] = 0x22;
  // Bytes printed as they are, the common case, in a loop of its own. Kept this small, the function is
  // inlined where it is called: the larger one it was ran on its own in most processes, and a small reply
  // then took 25 µs instead of 17, depending on the order in which V8 optimized the renderer.
  let i = start;
  while (i < end && PLAIN[src[i]] === 1) buf[pos++] = src[i++];
  if (i < end) pos = writeEscaped(src, i, end, buf, pos);
  buf[pos++] = 0x22;
  out.pos = pos;
}

/** The rest of a string from its first byte that is not printed as it is: escapes and UTF-8 sequences. */
function writeEscaped(src: Uint8Array, start: number, end: number, buf: Uint8Array, at: number): number {
  let pos = at;
  let i = start;
  while (i < end) {
    const b = src[i];
    if (b >= 0x80) {
      const n = utf8Length(src, i, end);
      for (let k = 0; k < n; k++) buf[pos++] = src[i + k];
      i += n;
    } else if (PLAIN[b] === 0) {
      const escaped = ESCAPES[b];
      for (let k = 0; k < escaped.length; k++) buf[pos++] = escaped.charCodeAt(k);
      i++;
    } else {
      buf[pos++] = b;
      i++;
    }
  }
  return pos;
}

/** 1 for the bytes a JSON string holds as they are: printable ASCII but `"` and `\`. */
const PLAIN = Uint8Array.from({ length: 256 }, (_, b) =>
  b >= 0x20 && b < 0x80 && b !== 0x22 && b !== 0x5c ? 1 : 0,
);

/** The length of the well-formed UTF-8 sequence at `i` (WHATWG's decoder's rules); otherwise leaves. */
function utf8Length(src: Uint8Array, i: number, end: number): number {
  const b = src[i];
  let n: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (b >= 0xc2 && b <= 0xdf) n = 2;
  else if (b >= 0xe0 && b <= 0xef) {
    n = 3;
    if (b === 0xe0) lo = 0xa0;
    else if (b === 0xed) hi = 0x9f;
  } else if (b >= 0xf0 && b <= 0xf4) {
    n = 4;
    if (b === 0xf0) lo = 0x90;
    else if (b === 0xf4) hi = 0x8f;
  } else return outside();
  if (i + n > end) outside();
  const second = src[i + 1];
  if (second < lo || second > hi) outside();
  for (let k = 2; k < n; k++) {
    const c = src[i + k];
    if (c < 0x80 || c > 0xbf) outside();
  }
  return n;
}

/** int64 (two's complement in lo/hi) as int64ToJson prints it. */
function writeInt64(lo: number, hi: number): void {
  if (hi < 0x200000) {
    writeAscii(String(hi * 0x100000000 + lo)); // 0 <= value < 2^53
  } else if (hi >= 0xffe00000 && (hi !== 0xffe00000 || lo !== 0)) {
    writeAscii(String((hi - 0x100000000) * 0x100000000 + lo)); // -2^53 < value < 0
  } else {
    const value = BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo));
    writeAscii(JSON.stringify(int64ToJson(value)));
  }
}

// ---- SearchReply (search_get.proto)

function writeReply(r: Reader, end: number): void {
  let took = 0;
  let first = true;
  writeAscii('{"objects":[');
  while (r.pos < end) {
    const tag = r.tag(end);
    const field = tag >>> 3;
    const wire = tag & 7;
    if (field === 1) {
      if (wire !== I32) outside();
      took = r.float(end);
    } else if (field === 2) {
      if (wire !== LEN) outside();
      const resultEnd = r.lenEnd(end);
      if (!first) writeAscii(",");
      first = false;
      writeResult(r, r.pos, resultEnd);
      r.pos = resultEnd;
    } else if (field === 3) {
      // The deprecated generative_grouped_result is always sent, usually empty; text means an answer.
      if (wire !== LEN || r.lenEnd(end) !== r.pos) outside();
    } else if (field >= 4 && field <= 6) {
      outside(); // groups, generative results, query profile
    } else r.skip(wire, end);
  }
  writeAscii('],"tookMs":');
  writeNumber(tookMs(took));
  writeAscii("}");
}

/** Where one or two length-delimited fields lie in a message: -1 for a field that is absent. */
interface Parts {
  aStart: number;
  aEnd: number;
  bStart: number;
  bEnd: number;
}

/**
 * Finds fields `a` and `b` (each length-delimited; a second one leaves the fast path, which is simpler
 * than following ts-proto, which keeps the last where protobuf merges them) and skips the others. Field
 * `refused` leaves the fast path; field `vetted`, a MetadataResult the answer does not show, is read as
 * strictly as the shown one, so that a reply ts-proto would read differently leaves too.
 */
function parts(
  r: Reader,
  start: number,
  end: number,
  a: number,
  b: number,
  refused = -1,
  vetted = -1,
): Parts {
  const found: Parts = { aStart: -1, aEnd: -1, bStart: -1, bEnd: -1 };
  r.pos = start;
  while (r.pos < end) {
    const tag = r.tag(end);
    const field = tag >>> 3;
    if (field === refused) outside();
    if (field === vetted) {
      if ((tag & 7) !== LEN) outside();
      const vettedEnd = r.lenEnd(end);
      readMetadata(r, r.pos, vettedEnd);
      r.pos = vettedEnd;
      continue;
    }
    if (field !== a && field !== b) {
      r.skip(tag & 7, end);
      continue;
    }
    if ((tag & 7) !== LEN || (field === a ? found.aStart : found.bStart) >= 0) outside();
    const partEnd = r.lenEnd(end);
    if (field === a) {
      found.aStart = r.pos;
      found.aEnd = partEnd;
    } else {
      found.bStart = r.pos;
      found.bEnd = partEnd;
    }
    r.pos = partEnd;
  }
  return found;
}

/** One SearchResult (1: properties, 2: metadata, 3: generative), in fromSearchResult's key order. */
function writeResult(r: Reader, start: number, end: number): void {
  const {
    aStart: propsStart,
    aEnd: propsEnd,
    bStart: metaStart,
    bEnd: metaEnd,
  } = parts(r, start, end, 1, 2, 3);
  const meta = metaStart >= 0 ? readMetadata(r, metaStart, metaEnd) : undefined;
  writeAscii('{"id":');
  if (meta && meta.idEnd > meta.idStart) writeString(r.buf, meta.idStart, meta.idEnd);
  else writeAscii('""');
  writeAscii(',"properties":');
  let collectionStart = -1;
  let collectionEnd = -1;
  if (propsStart >= 0) {
    // PropertiesResult: 3 target_collection, 11 non_ref_props; 2 (references) leaves; 4 (metadata, shown
    // only for references) is vetted; 12 (ref_props_requested) is skipped.
    const found = parts(r, propsStart, propsEnd, 3, 11, 2, 4);
    collectionStart = found.aStart;
    collectionEnd = found.aEnd;
    if (found.bStart >= 0) writeProperties(r, found.bStart, found.bEnd);
    else writeAscii("{}");
  } else writeAscii("{}");
  if (collectionEnd > collectionStart) {
    writeAscii(',"collection":');
    writeString(r.buf, collectionStart, collectionEnd);
  }
  if (meta) {
    writeMetadata(r, meta);
    if (meta.vectorEnd > meta.vectorStart) {
      writeAscii(',"vector":');
      writeVector(r, meta.vectorStart, meta.vectorEnd);
    }
  }
  writeAscii("}");
}

/**
 * A single vector's float32 little-endian bytes as `JSON.stringify(singleToJson(bytes))` prints them
 * (trailing bytes short of a float ignored, as unpackSingle does): each number written straight from its
 * shortest digits where float32-json.ts can, which is about twice as fast as printing the double.
 */
function writeVector(r: Reader, start: number, end: number): void {
  const count = (end - start) >>> 2;
  // A number written from its digits takes at most 16 bytes, and a comma; one printed as text may take
  // more ("-123456790000000000000"), so the room is reserved again after it.
  let buf = reserve(17 * count + 2);
  let pos = out.pos;
  buf[pos++] = 0x5b;
  for (let i = 0; i < count; i++) {
    if (i > 0) buf[pos++] = 0x2c;
    const value = r.view.getFloat32(start + 4 * i, true);
    const next = writeShortestFloat32(value, buf, pos);
    if (next >= 0) pos = next;
    else {
      out.pos = pos;
      writeNumber(shortestFloat32(value));
      buf = reserve(17 * (count - i - 1) + 2);
      pos = out.pos;
    }
  }
  buf[pos++] = 0x5d;
  out.pos = pos;
}

/** MetadataResult's fields as ts-proto reads them (the last occurrence wins, absent means default). */
interface Metadata {
  idStart: number;
  idEnd: number;
  creationTime: bigint;
  creationTimePresent: boolean;
  updateTime: bigint;
  updateTimePresent: boolean;
  distance: number;
  distancePresent: boolean;
  certainty: number;
  certaintyPresent: boolean;
  score: number;
  scorePresent: boolean;
  explainStart: number;
  explainEnd: number;
  explainPresent: boolean;
  isConsistent: boolean;
  isConsistentPresent: boolean;
  rerankScore: number;
  rerankScorePresent: boolean;
  vectorStart: number;
  vectorEnd: number;
}

function readMetadata(r: Reader, start: number, end: number): Metadata {
  const m: Metadata = {
    idStart: 0,
    idEnd: 0,
    creationTime: 0n,
    creationTimePresent: false,
    updateTime: 0n,
    updateTimePresent: false,
    distance: 0,
    distancePresent: false,
    certainty: 0,
    certaintyPresent: false,
    score: 0,
    scorePresent: false,
    explainStart: 0,
    explainEnd: 0,
    explainPresent: false,
    isConsistent: false,
    isConsistentPresent: false,
    rerankScore: 0,
    rerankScorePresent: false,
    vectorStart: 0,
    vectorEnd: 0,
  };
  r.pos = start;
  while (r.pos < end) {
    const tag = r.tag(end);
    const field = tag >>> 3;
    const wire = tag & 7;
    switch (field) {
      case 1:
      case 13:
      case 19: {
        if (wire !== LEN) outside();
        const fieldEnd = r.lenEnd(end);
        if (field === 1) {
          m.idStart = r.pos;
          m.idEnd = fieldEnd;
        } else if (field === 13) {
          m.explainStart = r.pos;
          m.explainEnd = fieldEnd;
        } else {
          m.vectorStart = r.pos;
          m.vectorEnd = fieldEnd;
        }
        r.pos = fieldEnd;
        break;
      }
      case 3:
      case 5: {
        if (wire !== VARINT) outside();
        r.varint64(end);
        const value = BigInt.asIntN(64, (BigInt(r.hi) << 32n) | BigInt(r.lo));
        if (field === 3) m.creationTime = value;
        else m.updateTime = value;
        break;
      }
      case 7:
      case 9:
      case 11: {
        if (wire !== I32) outside();
        const value = r.float(end);
        if (field === 7) m.distance = value;
        else if (field === 9) m.certainty = value;
        else m.score = value;
        break;
      }
      case 21:
        if (wire !== I64) outside();
        m.rerankScore = r.double(end);
        break;
      case 4:
      case 6:
      case 8:
      case 10:
      case 12:
      case 14:
      case 15:
      case 17:
      case 18:
      case 22: {
        if (wire !== VARINT) outside();
        const value = r.bool(end);
        if (field === 4) m.creationTimePresent = value;
        else if (field === 6) m.updateTimePresent = value;
        else if (field === 8) m.distancePresent = value;
        else if (field === 10) m.certaintyPresent = value;
        else if (field === 12) m.scorePresent = value;
        else if (field === 14) m.explainPresent = value;
        else if (field === 15) m.isConsistent = value;
        else if (field === 17) {
          if (value) outside(); // the deprecated generative answer
        } else if (field === 18) m.isConsistentPresent = value;
        else m.rerankScorePresent = value;
        break;
      }
      case 23:
        outside(); // named vectors
        break;
      case 2:
        // The deprecated float vector, not shown; ts-proto reads a packed one in whole floats, past its
        // end when its length is not a multiple of 4.
        if (wire === LEN) {
          const fieldEnd = r.lenEnd(end);
          if ((fieldEnd - r.pos) % 4 !== 0) outside();
          r.pos = fieldEnd;
        } else r.skip(wire, end);
        break;
      default:
        r.skip(wire, end); // 16: generative text, 20: id as bytes
    }
  }
  return m;
}

/** metadataToJson (search-reply.ts): only what the `*_present` flags say was asked for. */
function writeMetadata(r: Reader, m: Metadata): void {
  if (
    !m.distancePresent &&
    !m.certaintyPresent &&
    !m.scorePresent &&
    !m.explainPresent &&
    !m.creationTimePresent &&
    !m.updateTimePresent &&
    !m.isConsistentPresent &&
    !m.rerankScorePresent
  ) {
    return;
  }
  writeAscii(',"metadata":{');
  let comma = false;
  const key = (name: string) => {
    writeAscii(comma ? `,"${name}":` : `"${name}":`);
    comma = true;
  };
  if (m.distancePresent) {
    key("distance");
    writeNumber(shortestFloat32(m.distance));
  }
  if (m.certaintyPresent) {
    key("certainty");
    writeNumber(shortestFloat32(m.certainty));
  }
  if (m.scorePresent) {
    key("score");
    writeNumber(shortestFloat32(m.score));
  }
  if (m.explainPresent) {
    key("explainScore");
    writeString(r.buf, m.explainStart, m.explainEnd);
  }
  if (m.creationTimePresent) {
    const iso = msToIso(m.creationTime);
    if (iso !== undefined) {
      key("creationTime");
      writeAscii(`"${iso}"`);
    }
  }
  if (m.updateTimePresent) {
    const iso = msToIso(m.updateTime);
    if (iso !== undefined) {
      key("updateTime");
      writeAscii(`"${iso}"`);
    }
  }
  if (m.isConsistentPresent) {
    key("isConsistent");
    writeAscii(m.isConsistent ? "true" : "false");
  }
  if (m.rerankScorePresent) {
    key("rerankScore");
    writeNumber(m.rerankScore);
  }
  writeAscii("}");
}

// ---- Properties and Value (properties.proto)

/** At most this many properties are checked for repeated keys (pairwise); more leave the fast path. */
const MAX_FIELDS = 256;
const keyStarts: number[] = [];
const keyEnds: number[] = [];

/** `map<string, Value> fields = 1`, in wire order, as propertiesToJson prints ts-proto's object. */
function writeProperties(r: Reader, start: number, end: number): void {
  const buf = r.buf;
  let count = 0;
  writeAscii("{");
  r.pos = start;
  for (let entryEnd = nextValue(r, end); entryEnd >= 0; entryEnd = nextValue(r, end)) {
    const entry = parts(r, r.pos, entryEnd, 1, 2); // the map entry: 1 key, 2 value
    r.pos = entryEnd;
    if (entry.bStart < 0) continue; // ts-proto drops an entry without a value
    // An absent key is "" (any empty range would do).
    const keyStart = Math.max(entry.aStart, 0);
    const keyEnd = Math.max(entry.aEnd, 0);
    // Keys an object would reorder (integer-like) or not hold ("__proto__"), and repeated keys (the
    // last value wins in the first one's place), are the general path's.
    const first = buf[keyStart];
    if (keyEnd > keyStart && ((first >= 0x30 && first <= 0x39) || isProtoKey(buf, keyStart, keyEnd))) {
      outside();
    }
    if (count === MAX_FIELDS) outside();
    for (let k = 0; k < count; k++) {
      if (sameBytes(buf, keyStarts[k], keyEnds[k], keyStart, keyEnd)) outside();
    }
    keyStarts[count] = keyStart;
    keyEnds[count] = keyEnd;
    if (count++ > 0) writeAscii(",");
    writeString(buf, keyStart, keyEnd);
    writeAscii(":");
    writeValue(r, entry.bStart, entry.bEnd);
  }
  writeAscii("}");
}

const PROTO_KEY = [...ENCODER.encode("__proto__")];

function isProtoKey(buf: Uint8Array, start: number, end: number): boolean {
  if (end - start !== PROTO_KEY.length) return false;
  for (let i = 0; i < PROTO_KEY.length; i++) if (buf[start + i] !== PROTO_KEY[i]) return false;
  return true;
}

function sameBytes(buf: Uint8Array, a: number, aEnd: number, b: number, bEnd: number): boolean {
  if (aEnd - a !== bEnd - b) return false;
  for (let i = 0; i < aEnd - a; i++) if (buf[a + i] !== buf[b + i]) return false;
  return true;
}

/** One Value with exactly one kind set (valueToJson, values.ts), scalar or a list; an empty Value is null. */
function writeValue(r: Reader, start: number, end: number): void {
  r.pos = start;
  if (start === end) {
    writeAscii("null");
    return;
  }
  const tag = r.tag(end);
  const field = tag >>> 3;
  const wire = tag & 7;
  switch (field) {
    case 1:
      if (wire !== I64) outside();
      writeNumber(r.double(end));
      break;
    case 3:
      if (wire !== VARINT) outside();
      writeAscii(r.bool(end) ? "true" : "false");
      break;
    case 6: // date
    case 7: // uuid
    case 10: // blob (base64 text)
    case 13: {
      // text
      if (wire !== LEN) outside();
      const fieldEnd = r.lenEnd(end);
      writeString(r.buf, r.pos, fieldEnd);
      r.pos = fieldEnd;
      break;
    }
    case 8:
      if (wire !== VARINT) outside();
      r.varint64(end);
      writeInt64(r.lo, r.hi);
      break;
    case 12:
      if (wire !== VARINT) outside();
      r.varint64(end);
      writeAscii("null");
      break;
    case 5: {
      if (wire !== LEN) outside();
      const fieldEnd = r.lenEnd(end);
      writeList(r, r.pos, fieldEnd);
      r.pos = fieldEnd;
      break;
    }
    default:
      outside(); // objects, geo, phone, unknown fields
  }
  if (r.pos !== end) outside(); // more than one field
}

/**
 * A ListValue with one kind set (listToJson, values.ts): numbers and ints packed as 8-byte little-endian
 * values, booleans, and texts, dates and uuids as strings; an empty ListValue is []. Lists of objects,
 * several kinds and unknown fields leave the fast path.
 */
function writeList(r: Reader, start: number, end: number): void {
  if (start === end) {
    writeAscii("[]");
    return;
  }
  r.pos = start;
  const tag = r.tag(end);
  const kind = tag >>> 3;
  // 2 number_values, 3 bool_values, 5 date_values, 6 uuid_values, 7 int_values, 8 text_values
  if ((tag & 7) !== LEN || kind < 2 || kind > 8 || kind === 4) outside();
  const kindEnd = r.lenEnd(end);
  const kindStart = r.pos;
  if (kindEnd !== end) outside();
  writeAscii("[");
  if (kind === 2 || kind === 7) writePacked64(r, kindStart, kindEnd, kind === 7);
  else if (kind === 3) writeBools(r, kindStart, kindEnd);
  else writeStrings(r, kindStart, kindEnd);
  writeAscii("]");
  r.pos = end;
}

/** NumberValues or IntValues: `bytes values = 1` of 8-byte little-endian doubles or int64s. */
function writePacked64(r: Reader, start: number, end: number, ints: boolean): void {
  const { aStart, aEnd } = parts(r, start, end, 1, -1);
  if (aStart < 0) return;
  const view = r.view;
  const count = (aEnd - aStart) >>> 3;
  for (let i = 0; i < count; i++) {
    if (i > 0) writeAscii(",");
    const at = aStart + 8 * i;
    if (ints) writeInt64(view.getUint32(at, true), view.getUint32(at + 4, true));
    else writeNumber(view.getFloat64(at, true));
  }
}

/** BoolValues: `repeated bool values = 1`, packed or not, in wire order. */
function writeBools(r: Reader, start: number, end: number): void {
  let first = true;
  const put = (value: boolean) => {
    writeAscii(first ? (value ? "true" : "false") : value ? ",true" : ",false");
    first = false;
  };
  r.pos = start;
  while (r.pos < end) {
    const tag = r.tag(end);
    if (tag >>> 3 !== 1) r.skip(tag & 7, end);
    else if ((tag & 7) === VARINT) put(r.bool(end));
    else if ((tag & 7) === LEN) {
      const packedEnd = r.lenEnd(end);
      while (r.pos < packedEnd) put(r.bool(packedEnd));
    } else outside();
  }
}

/** TextValues, DateValues or UuidValues: `repeated string values = 1`. */
function writeStrings(r: Reader, start: number, end: number): void {
  let first = true;
  r.pos = start;
  for (let valueEnd = nextValue(r, end); valueEnd >= 0; valueEnd = nextValue(r, end)) {
    if (!first) writeAscii(",");
    first = false;
    writeString(r.buf, r.pos, valueEnd);
    r.pos = valueEnd;
  }
}

/**
 * The next element of a message's `repeated … values = 1` of length-delimited values (map entries are one
 * too), other fields skipped: r.pos at its start, and its end returned; -1 past the last.
 */
function nextValue(r: Reader, end: number): number {
  while (r.pos < end) {
    const tag = r.tag(end);
    if (tag >>> 3 !== 1) {
      r.skip(tag & 7, end);
      continue;
    }
    if ((tag & 7) !== LEN) outside();
    return r.lenEnd(end);
  }
  return -1;
}
