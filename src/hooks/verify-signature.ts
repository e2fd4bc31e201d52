import type { SignatureRule } from "./hook-config.js";

/**
 * Webhook signature checks, each as its provider documents it, on the raw body bytes (re-serialised JSON
 * would not match). Web Crypto HMAC, so every runtime checks alike; comparisons are constant-time.
 * Answers undefined when the delivery is authentic, else why not (for the 401 detail).
 */
export async function verifySignature(
  rule: SignatureRule,
  secret: string,
  headers: Headers,
  body: Uint8Array,
  nowSeconds: number = Date.now() / 1000,
): Promise<string | undefined> {
  switch (rule.scheme) {
    case "github": {
      // https://docs.github.com/webhooks/using-webhooks/validating-webhook-deliveries
      const header = headers.get("x-hub-signature-256");
      if (!header) return "missing X-Hub-Signature-256 header";
      const expected = `sha256=${toHex(await hmacSha256(secret, body))}`;
      return timingSafeEqualText(header.trim(), expected) ? undefined : "signature does not match";
    }
    case "stripe": {
      // https://docs.stripe.com/webhooks#verify-manually: signed payload "<t>.<body>"; any v1 may match
      // (several during secret rotation); reject timestamps outside the tolerance (replay protection).
      const header = headers.get("stripe-signature");
      if (!header) return "missing Stripe-Signature header";
      const parts = header.split(",").map((p) => p.trim().split("="));
      const t = parts.find(([k]) => k === "t")?.[1];
      const v1 = parts.filter(([k]) => k === "v1").map(([, v]) => v ?? "");
      if (!t || !/^\d+$/.test(t) || !v1.length) return "malformed Stripe-Signature header";
      if (Math.abs(nowSeconds - Number(t)) > rule.toleranceSeconds) {
        return `timestamp outside the tolerance of ${rule.toleranceSeconds} s`;
      }
      const signed = concat(new TextEncoder().encode(`${t}.`), body);
      const expected = toHex(await hmacSha256(secret, signed));
      return v1.some((v) => timingSafeEqualText(v, expected)) ? undefined : "signature does not match";
    }
    case "hmac-sha256": {
      const header = headers.get(rule.header);
      if (!header) return `missing ${rule.header} header`;
      const mac = await hmacSha256(secret, body);
      const expected = rule.prefix + (rule.encoding === "hex" ? toHex(mac) : toBase64(mac));
      return timingSafeEqualText(header.trim(), expected) ? undefined : "signature does not match";
    }
  }
}

async function hmacSha256(secret: string, data: Uint8Array): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, data as Uint8Array<ArrayBuffer>));
}

function toHex(bytes: Uint8Array): string {
  let hex = "";
  for (const b of bytes) hex += b.toString(16).padStart(2, "0");
  return hex;
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(a.byteLength + b.byteLength);
  out.set(a);
  out.set(b, a.byteLength);
  return out;
}

/** Compares in time that depends only on the lengths (the expected length is public: a hex digest). */
function timingSafeEqualText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
