import * as z from "zod";
import { ConsistencyLevel, Tenant } from "./common.js";
import { FilterSchema } from "./filters.js";

/** `POST /v1/collections/{collection}/objects/delete`. `filters` is required: no accidental delete-all. */
export const DeleteBody = z.strictObject({
  filters: FilterSchema,
  dryRun: z.boolean().optional(),
  verbose: z.boolean().optional(),
  tenant: Tenant.optional(),
  consistencyLevel: ConsistencyLevel.optional(),
});
export type DeleteBody = z.infer<typeof DeleteBody>;

export const DeleteOneQuery = z.strictObject({
  tenant: Tenant.optional(),
  consistencyLevel: ConsistencyLevel.optional(),
});

export interface DeleteResultJson {
  matches: number;
  successful: number;
  failed: number;
  dryRun: boolean;
  objects?: { id: string; successful: boolean; error?: string }[];
  tookMs: number;
}
