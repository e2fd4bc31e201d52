/**
 * UUID parsing as Weaviate does it with github.com/google/uuid `Parse`: the 36-character form, the braced
 * form, the `urn:uuid:` form and 32 bare hex digits are accepted; the error texts are Go's, because
 * Weaviate copies them verbatim into BatchError messages (e.g. "invalid UUID length: 0").
 */
const HEX = /^[0-9a-fA-F]{32}$/;

export function parseUuid(text: string): string {
  let body = text;
  switch (text.length) {
    case 36:
      break;
    case 36 + 9:
      if (text.slice(0, 9).toLowerCase() !== "urn:uuid:")
        throw new Error(`invalid urn prefix: "${text.slice(0, 9)}"`);
      body = text.slice(9);
      break;
    case 36 + 2:
      if (text[0] !== "{" || text[37] !== "}") throw new Error("invalid UUID format");
      body = text.slice(1, 37);
      break;
    case 32:
      if (!HEX.test(text)) throw new Error("invalid UUID format");
      return format(text.toLowerCase());
    default:
      throw new Error(`invalid UUID length: ${text.length}`);
  }
  if (body[8] !== "-" || body[13] !== "-" || body[18] !== "-" || body[23] !== "-") {
    throw new Error("invalid UUID format");
  }
  const hex = body.replaceAll("-", "");
  if (!HEX.test(hex)) throw new Error("invalid UUID format");
  return format(hex.toLowerCase());
}

export function isUuid(text: string): boolean {
  try {
    parseUuid(text);
    return true;
  } catch {
    return false;
  }
}

/** The 16-byte binary form Weaviate sends in `id_as_bytes` and `BatchDeleteObject.uuid`. */
export function uuidToBytes(id: string): Uint8Array {
  const hex = parseUuid(id).replaceAll("-", "");
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function format(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
