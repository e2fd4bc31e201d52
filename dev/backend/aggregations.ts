import type {
  AggregateRequest_Aggregation as Request,
  AggregateReply_Aggregations_Aggregation as Result,
} from "../../src/gen/v1/aggregate.js";
import { type CollectionSchema, findProperty, noSuchPropertyMessage } from "./schema.js";
import type { StoredObject } from "./store.js";

/**
 * One property aggregation over a set of objects, with Weaviate's reply shapes
 * (adapters/handlers/grpc/v1/prepare_aggregate_reply.go): counts are of values (every element of a list),
 * only the requested statistics are filled, `type` carries the schema type when asked for, booleans always
 * report totals and percentages, dates report RFC3339 strings. As in Weaviate's request parser, top
 * occurrences are only computed when `top_occurences_limit` is given.
 */
export function aggregateProperty(
  request: Request,
  objects: StoredObject[],
  schema: CollectionSchema,
): Result {
  const name = request.property ?? "";
  const prop = findProperty(schema.properties, name);
  if (!prop) throw new Error(`get property by name: ${noSuchPropertyMessage(name, schema.name)}`);
  const values = objects.flatMap((o) => {
    const v = o.properties[prop.name];
    return v === undefined ? [] : Array.isArray(v) ? v : [v];
  });
  const count = BigInt(values.length);
  if (request.int || request.number) {
    const flags = (request.int ?? request.number)!;
    const numbers = (values as number[]).slice().sort((a, b) => a - b);
    const stats = numericStats(numbers);
    const int = (v: number | undefined) => (v === undefined ? undefined : BigInt(Math.round(v)));
    const pick = <T>(flag: boolean | undefined, v: T) => (flag ? v : undefined);
    const base = {
      count: pick(flags.count, count),
      type: flags.type ? prop.dataType : "",
      mean: pick(flags.mean, stats.mean),
      median: pick(flags.median, stats.median),
    };
    if (request.int) {
      return {
        property: prop.name,
        int: {
          ...base,
          mode: pick(flags.mode, int(stats.mode)),
          maximum: pick(flags.maximum, int(stats.max)),
          minimum: pick(flags.minimum, int(stats.min)),
          sum: pick(flags.sum, int(stats.sum)),
        },
      };
    }
    return {
      property: prop.name,
      number: {
        ...base,
        mode: pick(flags.mode, stats.mode),
        maximum: pick(flags.maximum, stats.max),
        minimum: pick(flags.minimum, stats.min),
        sum: pick(flags.sum, stats.sum),
      },
    };
  }
  if (request.text) {
    const limit = request.text.topOccurencesLimit;
    const items =
      request.text.topOccurences && limit !== undefined ? topOccurrences(values as string[], limit) : [];
    return {
      property: prop.name,
      text: {
        count,
        type: request.text.type ? prop.dataType : "",
        topOccurences: items.length > 0 ? { items } : undefined,
      },
    };
  }
  if (request.boolean) {
    const trues = values.filter((v) => v === true).length;
    const total = values.length || 1;
    return {
      property: prop.name,
      boolean: {
        count,
        type: request.boolean.type ? prop.dataType : "",
        totalTrue: BigInt(trues),
        totalFalse: BigInt(values.length - trues),
        percentageTrue: values.length ? trues / total : 0,
        percentageFalse: values.length ? (values.length - trues) / total : 0,
      },
    };
  }
  if (request.date) {
    const flags = request.date;
    const stats = numericStats((values as string[]).map((d) => Date.parse(d)).sort((a, b) => a - b));
    const iso = (flag: boolean | undefined, ms: number | undefined) =>
      flag && ms !== undefined ? new Date(ms).toISOString() : undefined;
    return {
      property: prop.name,
      date: {
        count: flags.count ? count : undefined,
        type: flags.type ? prop.dataType : "",
        median: iso(flags.median, stats.median),
        mode: iso(flags.mode, stats.mode),
        maximum: iso(flags.maximum, stats.max),
        minimum: iso(flags.minimum, stats.min),
      },
    };
  }
  return { property: prop.name, reference: { type: "cref", pointingTo: prop.targetCollections ?? [] } };
}

/** Mean, median (middle pair averaged), mode (the smallest of the most frequent), extremes and sum. */
function numericStats(sorted: number[]) {
  if (sorted.length === 0) return {};
  const sum = sorted.reduce((a, b) => a + b, 0);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  const frequency = new Map<number, number>();
  for (const v of sorted) frequency.set(v, (frequency.get(v) ?? 0) + 1);
  let mode = sorted[0];
  for (const [value, n] of frequency) if (n > (frequency.get(mode) ?? 0)) mode = value;
  return { mean: sum / sorted.length, median, mode, min: sorted[0], max: sorted[sorted.length - 1], sum };
}

function topOccurrences(values: string[], limit: number) {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([value, occurs]) => ({ value, occurs: BigInt(occurs) }));
}
