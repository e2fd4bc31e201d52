import type { ApiKeySpec } from "./api-keys.js";
import { constantTimeEqual, hexToBytes, sha256 } from "./constant-time-equal.js";

export interface Keyring {
  /** The key entry a presented secret belongs to, or undefined. */
  verify(presented: string): Promise<ApiKeySpec | undefined>;
  /** The entry of a key that verified before (no digest, no await), or undefined: then call verify. */
  remembered(presented: string): ApiKeySpec | undefined;
}

/** Keys remembered after a successful check; bounded so a key-spraying client cannot grow it. */
const VERIFIED_CACHE_SIZE = 1024;

/**
 * Holds only digests. A presented key is hashed and compared with every entry's digest, all of them
 * every time, with a constant-time comparison: neither timing nor which entry matched tells an attacker
 * how close a guess was.
 *
 * A key that verified is remembered by its exact text, so a client's later requests skip the Web Crypto
 * digest (a thread-pool round trip that cost ~0.1-0.3 ms of latency per request in `npm run bench`). The
 * lookup can only tell apart "exactly a valid key" from anything else, which the 200/401 already says;
 * failed guesses are never cached and always take the constant-time path. Keys come from configuration
 * and never change while the process runs, so a remembered key cannot go stale.
 */
export function createKeyring(keys: readonly ApiKeySpec[]): Keyring {
  const digests = Promise.all(
    keys.map(async (k) => ({ spec: k, digest: k.sha256 ? hexToBytes(k.sha256) : await sha256(k.key ?? "") })),
  );
  const verified = new Map<string, ApiKeySpec>();
  return {
    remembered: (presented) => verified.get(presented),
    async verify(presented) {
      const known = verified.get(presented);
      if (known) return known;
      const digest = await sha256(presented);
      let found: ApiKeySpec | undefined;
      for (const entry of await digests) {
        if (constantTimeEqual(entry.digest, digest) && !found) found = entry.spec;
      }
      if (found) {
        if (verified.size >= VERIFIED_CACHE_SIZE) verified.clear();
        verified.set(presented, found);
      }
      return found;
    },
  };
}
