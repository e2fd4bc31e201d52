/**
 * The byte layouts of weaviate-wire.md §2 and §4 (usecases/byteops in Weaviate): float32 LE for vectors,
 * a uint16 LE dimension header before multi-vectors, float64 LE for number lists, int64 LE for int lists.
 * Written with DataView so the layout is little-endian whatever the host is.
 */
export function readFloat32s(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: number[] = [];
  for (let i = 0; i + 4 <= bytes.byteLength; i += 4) out.push(view.getFloat32(i, true));
  return out;
}

export function writeFloat32s(values: readonly number[]): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  for (const [i, v] of values.entries()) view.setFloat32(i * 4, v, true);
  return out;
}

/** Multi-vector: uint16 dimension, then rows of float32. Weaviate rejects a zero dimension. */
export function readMultiVector(bytes: Uint8Array): number[][] {
  if (bytes.byteLength === 0) return [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dim = view.getUint16(0, true);
  if (dim === 0) throw new Error("dimension cannot be 0");
  const flat = readFloat32s(bytes.subarray(2));
  const rows: number[][] = [];
  for (let i = 0; i + dim <= flat.length; i += dim) rows.push(flat.slice(i, i + dim));
  return rows;
}

export function writeMultiVector(rows: readonly (readonly number[])[]): Uint8Array {
  const dim = rows[0]?.length ?? 0;
  const body = writeFloat32s(rows.flat());
  const out = new Uint8Array(2 + body.byteLength);
  new DataView(out.buffer).setUint16(0, dim, true);
  out.set(body, 2);
  return out;
}

export function readFloat64s(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: number[] = [];
  for (let i = 0; i + 8 <= bytes.byteLength; i += 8) out.push(view.getFloat64(i, true));
  return out;
}

export function writeFloat64s(values: readonly number[]): Uint8Array {
  const out = new Uint8Array(values.length * 8);
  const view = new DataView(out.buffer);
  for (const [i, v] of values.entries()) view.setFloat64(i * 8, v, true);
  return out;
}

export function writeInt64s(values: readonly number[]): Uint8Array {
  const out = new Uint8Array(values.length * 8);
  const view = new DataView(out.buffer);
  for (const [i, v] of values.entries()) view.setBigInt64(i * 8, BigInt(Math.trunc(v)), true);
  return out;
}
