import { type Vectors, Vectors_VectorType } from "../gen/v1/base.js";
import { shortestFloat32 } from "./float32-json.js";

/**
 * The one place vectors are packed and unpacked. Weaviate's layouts (weaviate-wire.md §2):
 * - single: float32 little-endian, 4 bytes each, no header;
 * - multi (VECTOR_TYPE_MULTI_FP32): uint16 LE dimension d, then n*d float32 LE, row-major.
 */

export type SingleVector = readonly number[];
export type MultiVector = readonly (readonly number[])[];

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export function packSingle(vector: SingleVector): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(Float32Array.from(vector).buffer);
  const bytes = new Uint8Array(vector.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < vector.length; i++) view.setFloat32(i * 4, vector[i], true);
  return bytes;
}

export function packMulti(vectors: MultiVector): Uint8Array {
  const dim = vectors[0]?.length ?? 0;
  const bytes = new Uint8Array(2 + vectors.length * dim * 4);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, dim, true);
  let offset = 2;
  for (const row of vectors) {
    for (let i = 0; i < dim; i++, offset += 4) view.setFloat32(offset, row[i], true);
  }
  return bytes;
}

export function unpackSingle(bytes: Uint8Array): number[] {
  const n = bytes.byteLength >>> 2;
  const out = new Array<number>(n);
  if (LITTLE_ENDIAN && bytes.byteOffset % 4 === 0) {
    const floats = new Float32Array(bytes.buffer, bytes.byteOffset, n);
    for (let i = 0; i < n; i++) out[i] = floats[i];
    return out;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < n; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

export function unpackMulti(bytes: Uint8Array): number[][] {
  if (bytes.byteLength === 0) return [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dim = view.getUint16(0, true);
  if (dim === 0) return [];
  const rows = Math.floor((bytes.byteLength - 2) / (4 * dim));
  const out: number[][] = [];
  for (let r = 0, offset = 2; r < rows; r++) {
    const row = new Array<number>(dim);
    for (let i = 0; i < dim; i++, offset += 4) row[i] = view.getFloat32(offset, true);
    out.push(row);
  }
  return out;
}

export function isMulti(vector: SingleVector | MultiVector): vector is MultiVector {
  return vector.length > 0 && Array.isArray(vector[0]);
}

/** A request-side `Vectors` entry, typed single or multi by its JSON shape. */
export function toVectors(vector: SingleVector | MultiVector, name?: string): Vectors {
  return isMulti(vector)
    ? { name, vectorBytes: packMulti(vector), type: Vectors_VectorType.VECTOR_TYPE_MULTI_FP32 }
    : { name, vectorBytes: packSingle(vector), type: Vectors_VectorType.VECTOR_TYPE_SINGLE_FP32 };
}

/** Reply side: float32 bytes to JSON numbers that print in their shortest round-tripping form. */
export function singleToJson(bytes: Uint8Array): number[] {
  const values = unpackSingle(bytes);
  for (let i = 0; i < values.length; i++) values[i] = shortestFloat32(values[i]);
  return values;
}

/** Reply side: a `Vectors` entry back to a JSON number array (or array of arrays). */
export function vectorsToJson(vectors: Vectors): number[] | number[][] {
  const bytes = vectors.vectorBytes ?? new Uint8Array();
  if (vectors.type !== Vectors_VectorType.VECTOR_TYPE_MULTI_FP32) return singleToJson(bytes);
  const rows = unpackMulti(bytes);
  for (const row of rows) for (let i = 0; i < row.length; i++) row[i] = shortestFloat32(row[i]);
  return rows;
}
