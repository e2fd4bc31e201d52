import { describe, expect, it, vi } from "vitest";
import type { ApiKeySpec } from "./api-keys.js";
import { constantTimeEqual, sha256 } from "./constant-time-equal.js";
import { createKeyring } from "./keyring.js";

const scope = { collections: ["*"], actions: ["read"], tenants: ["*"] } as const;
const hex = async (s: string) => [...(await sha256(s))].map((b) => b.toString(16).padStart(2, "0")).join("");

describe("createKeyring", () => {
  it("finds the entry of a plain key and of a key stored only as its SHA-256", async () => {
    const keys: ApiKeySpec[] = [
      { name: "plain", key: "plain-key-0123456789", ...scope },
      { name: "hashed", sha256: await hex("hashed-key-0123456789"), ...scope },
    ];
    const ring = createKeyring(keys);
    expect((await ring.verify("plain-key-0123456789"))?.name).toBe("plain");
    expect((await ring.verify("hashed-key-0123456789"))?.name).toBe("hashed");
  });

  it("rejects near misses, prefixes and the digest itself", async () => {
    const digest = await hex("hashed-key-0123456789");
    const ring = createKeyring([{ name: "hashed", sha256: digest, ...scope }]);
    for (const guess of ["hashed-key-012345678", "hashed-key-01234567890", "", digest]) {
      expect(await ring.verify(guess)).toBeUndefined();
    }
  });

  it("remembers a verified key without ever admitting a guess next to it", async () => {
    const ring = createKeyring([{ name: "plain", key: "plain-key-0123456789", ...scope }]);
    const digest = vi.spyOn(crypto.subtle, "digest");
    try {
      expect(ring.remembered("plain-key-0123456789")).toBeUndefined();
      expect((await ring.verify("plain-key-0123456789"))?.name).toBe("plain");
      expect(ring.remembered("plain-key-0123456789")?.name).toBe("plain");
      const afterFirst = digest.mock.calls.length;
      expect((await ring.verify("plain-key-0123456789"))?.name).toBe("plain");
      expect(digest.mock.calls.length).toBe(afterFirst);
      expect(await ring.verify("plain-key-012345678")).toBeUndefined();
      expect(await ring.verify("plain-key-012345678")).toBeUndefined();
      expect(digest.mock.calls.length).toBe(afterFirst + 2);
      expect(ring.remembered("plain-key-012345678")).toBeUndefined();
    } finally {
      digest.mockRestore();
    }
  });
});

describe("constantTimeEqual", () => {
  it("is true only for identical bytes of the same length", () => {
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false);
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 3]))).toBe(false);
  });
});
