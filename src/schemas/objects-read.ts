import * as z from "zod";
import { ConsistencyLevel, PropertyName, Tenant, Uuid } from "./common.js";
import { METADATA_FIELDS } from "./search.js";

/**
 * Query strings of the read routes (`GET .../objects`, `GET .../objects/{id}`). Values arrive as text and
 * are turned into the same shapes the search body uses, so one translator serves both.
 */

/** The page size of `GET .../objects` when `?limit=` is absent: Weaviate's REST list default. */
export const DEFAULT_PAGE_SIZE = 25;

const commaList = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .transform((s) =>
      s
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).min(1, "must name at least one"));

/** `?includeVector=true|false` or `?includeVector=title_vec,body_vec` (named vectors). */
const IncludeVectorParam = z.union([
  z.enum(["true", "false"]).transform((s) => s === "true"),
  commaList(PropertyName),
]);

/** `?metadata=all` or `?metadata=creationTime,updateTime`. */
const MetadataParam = z.union([z.literal("all"), commaList(z.enum(METADATA_FIELDS))]);

const readOptions = {
  properties: commaList(PropertyName).optional(),
  includeVector: IncludeVectorParam.optional(),
  metadata: MetadataParam.optional(),
  tenant: Tenant.optional(),
  consistencyLevel: ConsistencyLevel.optional(),
};

export const ObjectQuery = z.strictObject(readOptions);
export type ObjectQuery = z.infer<typeof ObjectQuery>;

export const ObjectListQuery = z.strictObject({
  ...readOptions,
  limit: z
    .string()
    .regex(/^\d+$/, "must be a positive integer")
    .transform(Number)
    .pipe(z.int().min(1).max(10_000))
    .optional(),
  after: Uuid.optional(),
});
export type ObjectListQuery = z.infer<typeof ObjectListQuery>;

export const ObjectId = Uuid;
