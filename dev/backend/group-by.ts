import type { GroupBy, GroupByResult } from "../../src/gen/v1/search_get.js";
import type { Reference } from "./batch-properties.js";
import { findProperty, noSuchPropertyMessage } from "./schema.js";
import { type Hit, metadataResult, type ReplyContext, searchResult } from "./search-reply.js";

/**
 * Groups ranked hits by one property, as Weaviate's grouper does (adapters/repos/db/shard_group_by.go): in
 * rank order, each value of the property (every element of a list; a reference as its beacon) names a
 * group; a full group takes no more objects, and once `number_of_groups` groups exist an object with a new
 * value is skipped. Objects inside a group carry only id, vectors and distance as metadata.
 */
export function groupHits(hits: Hit[], groupBy: GroupBy, context: ReplyContext): GroupByResult[] {
  const path = groupBy.path ?? [];
  if (path.length !== 1)
    throw new Error(`groupby path can only have one entry, received [${path.join(" ")}]`);
  const prop = findProperty(context.schema.properties, path[0]);
  if (!prop) throw new Error(noSuchPropertyMessage(path[0], context.schema.name));
  const groups = new Map<string, Hit[]>();
  ranked: for (const hit of hits) {
    const raw = hit.object.properties[prop.name];
    if (raw === undefined) continue;
    for (const value of groupValues(raw, prop.dataType === "cref")) {
      const members = groups.get(value);
      if (members && members.length >= (groupBy.objectsPerGroup ?? 0)) continue;
      if (!members && groups.size >= (groupBy.numberOfGroups ?? 0)) continue ranked;
      if (members) members.push(hit);
      else groups.set(value, [hit]);
    }
  }
  return [...groups].map(([name, members]) => ({
    name,
    minDistance: members[0].distance ?? 0,
    maxDistance: members[members.length - 1].distance ?? 0,
    numberOfObjects: BigInt(members.length),
    objects: members.map((hit) => groupMember(hit, context)),
  }));
}

function groupMember(hit: Hit, context: ReplyContext) {
  const { metadata } = context;
  const limited = metadata && {
    uuid: metadata.uuid,
    vector: metadata.vector,
    vectors: metadata.vectors,
    distance: metadata.distance,
  };
  const result = searchResult(hit, { ...context, metadata: undefined });
  return { ...result, metadata: metadataResult(hit, context.schema, limited, false) };
}

function groupValues(raw: unknown, reference: boolean): string[] {
  const values = Array.isArray(raw) ? raw : [raw];
  if (values.length === 0) return [""];
  if (reference) return (values as Reference[]).map((r) => `weaviate://localhost/${r.collection}/${r.id}`);
  return values.map((v) => String(v));
}
