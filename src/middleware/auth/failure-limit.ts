import { createTokenBuckets, MAX_BUCKETS } from "../rate-limit/token-buckets.js";

/**
 * How many wrong gateway keys a client address may present: `perMinute` at once, earned back at that rate.
 * Every key check spends an attempt up front (so parallel guesses cannot all pass a check made before any
 * of them failed) and a key that verifies gives it back. An address with no attempt left gets 429 for any
 * key it has not already used successfully itself: its keys are not checked, so a 200 can never tell a
 * guesser that a key someone else uses is valid, while clients sharing the address (NAT) keep working.
 */
export interface FailureLimit {
  /** A key that verified before may pass from `address` without spending an attempt. */
  admits(address: string, keyName: string): boolean;
  /** Spends one attempt before a key is checked: 0, or the milliseconds until one is left. */
  attempt(address: string): number;
  /** The checked key was valid: the attempt is given back and the key is known good from `address`. */
  succeeded(address: string, keyName: string): void;
}

export function createFailureLimit(perMinute: number, now: () => number): FailureLimit {
  const attempts = createTokenBuckets({ rps: perMinute / 60, burst: perMinute, now });
  /** Key names that worked from each address; bounded like the buckets (oldest address dropped first). */
  const knownGood = new Map<string, Set<string>>();
  const remember = (address: string, keyName: string) => {
    let names = knownGood.get(address);
    if (!names) {
      if (knownGood.size >= MAX_BUCKETS) knownGood.delete(knownGood.keys().next().value as string);
      names = new Set();
      knownGood.set(address, names);
    }
    names.add(keyName);
  };
  return {
    admits(address, keyName) {
      if (attempts.peek(address) === 0) {
        remember(address, keyName);
        return true;
      }
      return knownGood.get(address)?.has(keyName) === true;
    },
    attempt: (address) => attempts.take(address),
    succeeded(address, keyName) {
      attempts.refund(address);
      remember(address, keyName);
    },
  };
}
