import { loadConfig } from "../config.js";
import { FastSearchBody, SearchBody } from "../schemas/search.js";

/**
 * zod compiles a parser for an object schema the first time it parses one. The startup snapshots
 * (node-snapshot.ts, lambda-image-snapshot.ts) call this while they are built, so the snapshot holds the
 * parsers of a configuration and of the common search bodies, and the first requests after a start do not
 * compile them.
 */
export function warmParsers(): void {
  loadConfig({ GATEWAY_ENV: "development" });
  SearchBody.safeParse({
    limit: 1,
    returnProperties: ["a"],
    filters: { property: "a", operator: "Equal", value: 1 },
  });
  SearchBody.safeParse({ nearVector: { vector: [0.1] }, returnMetadata: ["distance"] });
  // What the search route validates with first (a body's key set before it is narrowed).
  FastSearchBody.safeParse({ limit: 1, returnProperties: ["a"] });
  FastSearchBody.safeParse({ nearVector: { vector: [0.1] }, returnMetadata: ["distance"] });
}
