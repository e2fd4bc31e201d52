import type { ApiKeySpec } from "./api-keys.js";
import { constantTimeEqual, hexToBytes, sha256 } from "./constant-time-equal.js";

export interface Keyring {
  /** The key entry a presented secret belongs to, or undefined. */
  verify(presented: string): Promise<ApiKeySpec | undefined>;
}

/**
 * Holds only digests. A presented key is hashed and compared with every entry's digest, all of them
 * every time, with a constant-time comparison: neither timing nor which entry matched tells an attacker
 * how close a guess was.
 */
export function createKeyring(keys: readonly ApiKeySpec[]): Keyring {
  const digests = Promise.all(
    keys.map(async (k) => ({ spec: k, digest: k.sha256 ? hexToBytes(k.sha256) : await sha256(k.key ?? "") })),
  );
  return {
    async verify(presented) {
      const digest = await sha256(presented);
      let found: ApiKeySpec | undefined;
      for (const entry of await digests) {
        if (constantTimeEqual(entry.digest, digest) && !found) found = entry.spec;
      }
      return found;
    },
  };
}
