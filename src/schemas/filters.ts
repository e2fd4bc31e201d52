import * as z from "zod";
import { Finite, PropertyName } from "./common.js";

export const FILTER_OPERATORS = [
  "equal",
  "notEqual",
  "greaterThan",
  "greaterThanEqual",
  "lessThan",
  "lessThanEqual",
  "like",
  "isNull",
  "containsAny",
  "containsAll",
  "containsNone",
  "withinGeoRange",
] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/** `_id`, `_creationTimeUnix`, `_lastUpdateTimeUnix` or a property name. */
const FilterPropertyName = z.union([
  z.enum(["_id", "_creationTimeUnix", "_lastUpdateTimeUnix"]),
  PropertyName,
]);

export type ReferencePath = { reference: string; collection?: string; property: string | ReferencePath };
export type FilterProperty = string | ReferencePath | { referenceCount: string };

export const ReferencePathSchema: z.ZodType<ReferencePath> = z.lazy(() =>
  z.strictObject({
    reference: PropertyName,
    collection: z.string().min(1).optional(),
    property: z.union([FilterPropertyName, ReferencePathSchema]),
  }),
);

const FilterPropertySchema = z.union(
  [FilterPropertyName, ReferencePathSchema, z.strictObject({ referenceCount: PropertyName })],
  { error: "must be a property name, a reference path {reference, property} or {referenceCount}" },
);

export const GeoRange = z.strictObject({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  distance: Finite.min(0),
});

/** Text, dates (RFC 3339) and UUIDs are strings; int and number are JSON numbers; booleans. */
const Scalar = z.union([z.string(), Finite, z.boolean()]);
const FilterValue = z.union([Scalar, z.array(Scalar), GeoRange], {
  error: "must be a string, number, boolean, an array of one of those, or a geo range",
});

export type FilterLeaf = {
  property: FilterProperty;
  operator: FilterOperator;
  value?: z.infer<typeof FilterValue>;
};
export type Filter = { and: Filter[] } | { or: Filter[] } | { not: Filter } | FilterLeaf;

const ARRAY_OPERATORS = new Set<FilterOperator>(["containsAny", "containsAll", "containsNone"]);

/**
 * One filter node: exactly one of `and`, `or`, `not`, or a leaf `{property, operator, value}`. Written as
 * one object with a refinement rather than a union so errors name the bad field instead of "invalid input".
 */
export const FilterSchema: z.ZodType<Filter> = z.lazy(() =>
  z
    .strictObject({
      and: z.array(FilterSchema).min(1).optional(),
      or: z.array(FilterSchema).min(1).optional(),
      not: FilterSchema.optional(),
      property: FilterPropertySchema.optional(),
      operator: z.enum(FILTER_OPERATORS).optional(),
      value: FilterValue.optional(),
    })
    .superRefine((f, ctx) => {
      const forms = ["and", "or", "not", "property"].filter((k) => f[k as keyof typeof f] !== undefined);
      if (forms.length !== 1) {
        ctx.addIssue({
          code: "custom",
          message:
            "a filter is exactly one of {and: [..]}, {or: [..]}, {not: ..} or {property, operator, value}",
        });
        return;
      }
      if (f.property === undefined) {
        for (const k of ["operator", "value"] as const)
          if (f[k] !== undefined)
            ctx.addIssue({ code: "custom", path: [k], message: `not allowed beside ${forms[0]}` });
        return;
      }
      if (!f.operator) {
        ctx.addIssue({ code: "custom", path: ["operator"], message: "is required" });
        return;
      }
      checkValue(f.operator, f.value, ctx);
      if (f.property === "_id") checkIds(f.value, ctx);
    }),
) as z.ZodType<Filter>;

function checkValue(op: FilterOperator, value: unknown, ctx: z.RefinementCtx): void {
  const issue = (message: string) => ctx.addIssue({ code: "custom", path: ["value"], message });
  if (value === undefined) {
    issue("is required");
    return;
  }
  const isGeo = typeof value === "object" && value !== null && !Array.isArray(value);
  if (op === "withinGeoRange") {
    if (!isGeo) issue("must be {latitude, longitude, distance} for withinGeoRange");
  } else if (isGeo) {
    issue("a geo range is only allowed with withinGeoRange");
  } else if (op === "isNull") {
    if (typeof value !== "boolean") issue("must be true or false for isNull");
  } else if (ARRAY_OPERATORS.has(op)) {
    if (!Array.isArray(value) || value.length === 0) issue(`must be a non-empty array for ${op}`);
  } else if (Array.isArray(value)) {
    issue(`must not be an array for ${op}`);
  } else if (op === "like" && typeof value !== "string") {
    issue("must be a string pattern for like");
  }
  if (Array.isArray(value) && value.length > 0) {
    const kind = typeof value[0];
    if (value.some((v) => typeof v !== kind)) issue("array elements must all have the same type");
  }
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** `_id` is compared as UUID text; a malformed one can never match, so it is a mistake worth a 400. */
function checkIds(value: unknown, ctx: z.RefinementCtx): void {
  const values = Array.isArray(value) ? value : [value];
  if (values.some((v) => typeof v !== "string" || !UUID.test(v))) {
    ctx.addIssue({ code: "custom", path: ["value"], message: "must be a UUID (or UUIDs) for _id" });
  }
}
