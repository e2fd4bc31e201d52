import { describe, expect, it } from "vitest";
import type { SignatureRule } from "./hook-config.js";
import { verifySignature } from "./verify-signature.js";

const enc = (s: string) => new TextEncoder().encode(s);

async function hmacHex(secret: string, data: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", enc(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, enc(data)));
  return [...mac].map((b) => b.toString(16).padStart(2, "0")).join("");
}

describe("GitHub X-Hub-Signature-256", () => {
  const rule: SignatureRule = { scheme: "github" };
  // The test vector from GitHub's "Validating webhook deliveries" documentation.
  const secret = "It's a Secret to Everybody";
  const body = enc("Hello, World!");
  const signature = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

  it("accepts GitHub's documented test vector", async () => {
    const headers = new Headers({ "x-hub-signature-256": signature });
    expect(await verifySignature(rule, secret, headers, body)).toBeUndefined();
  });

  it("rejects a changed body, a wrong secret and a missing header", async () => {
    const headers = new Headers({ "x-hub-signature-256": signature });
    expect(await verifySignature(rule, secret, headers, enc("Hello, World?"))).toBe(
      "signature does not match",
    );
    expect(await verifySignature(rule, "another secret", headers, body)).toBe("signature does not match");
    expect(await verifySignature(rule, secret, new Headers(), body)).toMatch(/missing X-Hub-Signature-256/);
  });
});

describe("Stripe-Signature", () => {
  const rule: SignatureRule = { scheme: "stripe", toleranceSeconds: 300 };
  const secret = "whsec_test_secret";
  const payload = '{"id":"evt_1","type":"payment_intent.succeeded"}';
  const t = 1_700_000_000;

  it("accepts t=<ts>,v1=<hex hmac of '<ts>.<payload>'> within the tolerance, among several v1 values", async () => {
    const v1 = await hmacHex(secret, `${t}.${payload}`);
    const headers = new Headers({ "stripe-signature": `t=${t},v1=${"0".repeat(64)},v1=${v1},v0=abc` });
    expect(await verifySignature(rule, secret, headers, enc(payload), t + 299)).toBeUndefined();
  });

  it("rejects a timestamp outside the tolerance even with a valid signature", async () => {
    const v1 = await hmacHex(secret, `${t}.${payload}`);
    const headers = new Headers({ "stripe-signature": `t=${t},v1=${v1}` });
    expect(await verifySignature(rule, secret, headers, enc(payload), t + 301)).toMatch(/tolerance of 300 s/);
    expect(await verifySignature(rule, secret, headers, enc(payload), t - 301)).toMatch(/tolerance/);
  });

  it("rejects a signature over another timestamp and a malformed header", async () => {
    const v1 = await hmacHex(secret, `${t + 1}.${payload}`);
    const forged = new Headers({ "stripe-signature": `t=${t},v1=${v1}` });
    expect(await verifySignature(rule, secret, forged, enc(payload), t)).toBe("signature does not match");
    const malformed = new Headers({ "stripe-signature": "v1=abc" });
    expect(await verifySignature(rule, secret, malformed, enc(payload), t)).toMatch(/malformed/);
  });
});

describe("generic HMAC-SHA256 header", () => {
  it("accepts hex with a prefix and base64 encodings of the body's HMAC", async () => {
    const secret = "generic-secret";
    const hex = await hmacHex(secret, "payload");
    const hexRule: SignatureRule = {
      scheme: "hmac-sha256",
      header: "x-sig",
      encoding: "hex",
      prefix: "sha256=",
    };
    expect(
      await verifySignature(hexRule, secret, new Headers({ "x-sig": `sha256=${hex}` }), enc("payload")),
    ).toBeUndefined();
    const b64Rule: SignatureRule = { scheme: "hmac-sha256", header: "x-sig", encoding: "base64", prefix: "" };
    const b64 = btoa(String.fromCharCode(...(hex.match(/../g) ?? []).map((h) => Number.parseInt(h, 16))));
    expect(
      await verifySignature(b64Rule, secret, new Headers({ "x-sig": b64 }), enc("payload")),
    ).toBeUndefined();
    expect(await verifySignature(b64Rule, secret, new Headers({ "x-sig": b64 }), enc("other"))).toBe(
      "signature does not match",
    );
  });
});
