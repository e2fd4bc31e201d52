import { ConsistencyLevel as PbConsistency } from "../gen/v1/base.js";
import type { ConsistencyLevel } from "../schemas/common.js";

const CONSISTENCY: Readonly<Record<ConsistencyLevel, PbConsistency>> = {
  ONE: PbConsistency.CONSISTENCY_LEVEL_ONE,
  QUORUM: PbConsistency.CONSISTENCY_LEVEL_QUORUM,
  ALL: PbConsistency.CONSISTENCY_LEVEL_ALL,
};

/** Unset stays unset: the server then applies its default (weaviate-wire.md §2). */
export function toConsistency(level: ConsistencyLevel | undefined): PbConsistency | undefined {
  return level === undefined ? undefined : CONSISTENCY[level];
}

/** Seconds as a float (Weaviate's `took`) to milliseconds with 0.1 ms resolution. */
export function tookMs(seconds: number | undefined): number {
  return Math.round((seconds ?? 0) * 10_000) / 10;
}

/** Milliseconds since the epoch to an ISO 8601 UTC string. */
export function msToIso(ms: bigint | number | undefined): string | undefined {
  if (ms === undefined) return undefined;
  const date = new Date(Number(ms));
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
