import type {
  AggregateReply,
  AggregateReply_Group,
  AggregateReply_Group_GroupedBy,
  AggregateRequest,
} from "../../src/gen/v1/aggregate.js";
import { aggregateProperty } from "./aggregations.js";
import type { Reference } from "./batch-properties.js";
import { compileFilter } from "./filters.js";
import { hybridSearch } from "./hybrid.js";
import { nearVectorQueries, type QueryVector } from "./query-vectors.js";
import { type CollectionSchema, findProperty, noSuchPropertyMessage, upperFirst } from "./schema.js";
import { shardFor } from "./shard-for.js";
import type { Store, StoredObject } from "./store.js";
import { resolveTargets } from "./targets.js";
import { certaintyOf, vectorSearch } from "./vector-search.js";

const DEFAULT_GROUPS = 100;

/**
 * Aggregate: counts and per-property statistics over the objects the filters (and an optional nearVector,
 * nearObject or hybrid search) select, optionally grouped by a property, groups largest first and cut to
 * `limit`. As in Weaviate (usecases/traverser/traverser_aggregate.go), a vector search needs `object_limit`
 * or a certainty/distance, and only one target vector can be aggregated over.
 */
export function aggregate(store: Store, request: AggregateRequest): AggregateReply {
  const started = performance.now();
  const name = upperFirst(request.collection ?? "");
  const collection = store.get(name);
  if (!collection) throw new Error(`parse params: could not find class ${name} in schema`);
  const { schema } = collection;
  const tenant = request.tenant ?? "";
  let allow: (o: StoredObject) => boolean = () => true;
  if (request.filters) {
    try {
      allow = compileFilter(request.filters, { store, schema, tenant });
    } catch (error) {
      throw new Error(`parse params: extract filters: ${(error as Error).message}`);
    }
  }
  const corpus = [...shardFor(collection, tenant).objects.values()];
  const objects = searchObjects(request, schema, corpus, allow);
  const aggregations = () => ({
    aggregations: (request.aggregations ?? []).map((a) => aggregateProperty(a, objects, schema)),
  });
  const took = (performance.now() - started) / 1000;
  if (!request.groupBy) {
    const single = {
      objectsCount: BigInt(objects.length),
      aggregations: aggregations().aggregations.length ? aggregations() : undefined,
    };
    return { took, singleResult: single };
  }
  const groups = groupObjects(objects, schema, request.groupBy.property ?? "")
    .slice(0, request.limit ?? DEFAULT_GROUPS)
    .map(({ groupedBy, members }): AggregateReply_Group => {
      const results = (request.aggregations ?? []).map((a) => aggregateProperty(a, members, schema));
      return {
        objectsCount: BigInt(members.length),
        aggregations: results.length ? { aggregations: results } : undefined,
        groupedBy,
      };
    });
  return { took, groupedResults: { groups } };
}

function searchObjects(
  request: AggregateRequest,
  schema: CollectionSchema,
  corpus: StoredObject[],
  allow: (o: StoredObject) => boolean,
): StoredObject[] {
  const near = request.nearVector ?? request.nearObject;
  const hybrid = request.hybrid;
  const media =
    request.nearText ??
    request.nearImage ??
    request.nearAudio ??
    request.nearVideo ??
    request.nearDepth ??
    request.nearThermal ??
    request.nearImu;
  if (media) {
    throw new Error(
      `could not vectorize input for collection ${schema.name} with search-type nearText. Make sure a vectorizer module is configured for this collection`,
    );
  }
  if (!near && !hybrid) return corpus.filter(allow);
  const resolved = resolveTargets(schema, (near ?? hybrid)?.targets, (near ?? hybrid)?.targetVectors);
  if (resolved.targets.length > 1)
    throw new Error("parse params: found more than one target vector for aggregation");
  const limit = request.objectLimit;
  if (hybrid)
    return hybridSearch(hybrid, schema, corpus, allow, resolved)
      .slice(0, limit)
      .map((h) => h.object);
  const { distance, certainty } = near!;
  if (distance !== undefined && certainty !== undefined)
    throw new Error("near_vector: cannot provide distance and certainty");
  if (limit === undefined && distance === undefined && certainty === undefined) {
    throw new Error("must provide certainty or objectLimit with vector search");
  }
  let queries: QueryVector[];
  if (request.nearVector) queries = nearVectorQueries(request.nearVector, resolved.targets, schema);
  else {
    const source = corpus.find((o) => o.id === request.nearObject?.id);
    const vector = source?.vectors.get(resolved.targets[0]);
    if (!vector) throw new Error(`nearObject: object with id ${request.nearObject?.id} not found`);
    queries = [vector];
  }
  let hits = vectorSearch(corpus.filter(allow), { ...resolved, vectors: queries });
  if (distance !== undefined) hits = hits.filter((h) => h.distance <= distance);
  if (certainty !== undefined) hits = hits.filter((h) => certaintyOf(h.distance) >= certainty);
  return hits.slice(0, limit).map((h) => h.object);
}

/** Groups by each value of the property (every element of a list), largest group first. */
function groupObjects(objects: StoredObject[], schema: CollectionSchema, property: string) {
  const prop = findProperty(schema.properties, property);
  if (!prop) throw new Error(noSuchPropertyMessage(property, schema.name));
  const groups = new Map<string, { groupedBy: AggregateReply_Group_GroupedBy; members: StoredObject[] }>();
  for (const object of objects) {
    const raw = object.properties[prop.name];
    const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    for (const value of values) {
      const key = JSON.stringify(value);
      let group = groups.get(key);
      if (!group) {
        group = { groupedBy: { path: [prop.name], ...groupedValue(prop.dataType, value) }, members: [] };
        groups.set(key, group);
      }
      group.members.push(object);
    }
  }
  return [...groups.values()].sort((a, b) => b.members.length - a.members.length);
}

function groupedValue(dataType: string, value: unknown): Partial<AggregateReply_Group_GroupedBy> {
  if (dataType === "cref") {
    const ref = value as Reference;
    return { text: `weaviate://localhost/${ref.collection}/${ref.id}` };
  }
  if (dataType.startsWith("int")) return { int: BigInt(value as number) };
  if (dataType.startsWith("number")) return { number: value as number };
  if (dataType.startsWith("boolean")) return { boolean: value as boolean };
  return { text: String(value) };
}
