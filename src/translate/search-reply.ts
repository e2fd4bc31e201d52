import type {
  GroupByResult,
  MetadataResult,
  PropertiesResult,
  QueryProfile,
  SearchReply,
  SearchResult,
} from "../gen/v1/search_get.js";
import { msToIso, tookMs } from "./common.js";
import { shortestFloat32 } from "./float32-json.js";
import { type GeneratedJson, generatedOf, groupedGeneratedOf } from "./generative-reply.js";
import { int64ToJson, type Json, propertiesToJson } from "./values.js";
import { singleToJson, vectorsToJson } from "./vectors.js";

export interface ObjectMetadataJson {
  distance?: number;
  certainty?: number;
  score?: number;
  explainScore?: string;
  creationTime?: string;
  updateTime?: string;
  isConsistent?: boolean;
  rerankScore?: number;
}

export interface ObjectJson extends Partial<GeneratedJson> {
  id: string;
  collection?: string;
  properties: Record<string, Json>;
  references?: Record<string, ObjectJson[]>;
  metadata?: ObjectMetadataJson;
  vector?: number[];
  vectors?: Record<string, number[] | number[][]>;
}

export interface GroupJson extends Partial<GeneratedJson> {
  name: string;
  minDistance: number;
  maxDistance: number;
  numberOfObjects: number | string;
  objects: ObjectJson[];
  rerankScore?: number;
}

export interface SearchReplyJson extends Partial<GeneratedJson> {
  objects: ObjectJson[];
  groups?: GroupJson[];
  queryProfile?: QueryProfileJson;
  tookMs: number;
}

/**
 * The SearchReply → JSON mapping. With groupBy, Weaviate fills group_by_results instead of results. The
 * search route renders common replies straight from their bytes (search-reply-render.ts), which must give
 * exactly JSON.stringify of this: a change here is a change there, and its property test says where not.
 */
export function fromSearchReply(reply: SearchReply): SearchReplyJson {
  const out: SearchReplyJson = { objects: (reply.results ?? []).map(fromSearchResult), tookMs: 0 };
  if (reply.groupByResults?.length) out.groups = reply.groupByResults.map(fromGroup);
  Object.assign(out, groupedGeneratedOf(reply));
  if (reply.queryProfile) out.queryProfile = queryProfileToJson(reply.queryProfile);
  out.tookMs = tookMs(reply.took);
  return out;
}

export function fromSearchResult(result: SearchResult): ObjectJson {
  return Object.assign(
    toObject(result.properties, result.metadata),
    generatedOf(result.generative, result.metadata),
  );
}

function fromGroup(g: GroupByResult): GroupJson {
  const group: GroupJson = {
    name: g.name ?? "",
    minDistance: shortestFloat32(g.minDistance ?? 0),
    maxDistance: shortestFloat32(g.maxDistance ?? 0),
    numberOfObjects: int64ToJson(g.numberOfObjects ?? 0n),
    objects: (g.objects ?? []).map(fromSearchResult),
  };
  if (g.rerank) group.rerankScore = g.rerank.score ?? 0;
  return Object.assign(group, generatedOf(g.generativeResult ?? wrapLegacy(g.generative?.result)));
}

const wrapLegacy = (result: string | undefined) => (result ? { values: [{ result }] } : undefined);

/** Properties, references (recursively, with their own metadata), metadata and vectors of one object. */
function toObject(props: PropertiesResult | undefined, meta: MetadataResult | undefined): ObjectJson {
  const object: ObjectJson = { id: meta?.id ?? "", properties: propertiesToJson(props?.nonRefProps) };
  if (props?.targetCollection) object.collection = props.targetCollection;
  if (props?.refProps?.length) {
    object.references = {};
    for (const ref of props.refProps) {
      object.references[ref.propName ?? ""] = (ref.properties ?? []).map((p) => toObject(p, p.metadata));
    }
  }
  if (meta) {
    const metadata = metadataToJson(meta);
    if (metadata) object.metadata = metadata;
    if (meta.vectorBytes?.byteLength) object.vector = singleToJson(meta.vectorBytes);
    if (meta.vectors?.length) {
      object.vectors = {};
      for (const v of meta.vectors) object.vectors[v.name ?? ""] = vectorsToJson(v);
    }
  }
  return object;
}

/** Only values whose `*_present` flag is set: proto3 scalars have no presence (weaviate-wire.md §4). */
export function metadataToJson(m: MetadataResult): ObjectMetadataJson | undefined {
  const out: ObjectMetadataJson = {};
  let any = false;
  const set = <K extends keyof ObjectMetadataJson>(key: K, value: ObjectMetadataJson[K]) => {
    out[key] = value;
    any = true;
  };
  if (m.distancePresent) set("distance", shortestFloat32(m.distance ?? 0));
  if (m.certaintyPresent) set("certainty", shortestFloat32(m.certainty ?? 0));
  if (m.scorePresent) set("score", shortestFloat32(m.score ?? 0));
  if (m.explainScorePresent) set("explainScore", m.explainScore ?? "");
  if (m.creationTimeUnixPresent) set("creationTime", msToIso(m.creationTimeUnix));
  if (m.lastUpdateTimeUnixPresent) set("updateTime", msToIso(m.lastUpdateTimeUnix));
  if (m.isConsistentPresent) set("isConsistent", m.isConsistent ?? false);
  if (m.rerankScorePresent) set("rerankScore", m.rerankScore ?? 0);
  return any ? out : undefined;
}

export interface QueryProfileJson {
  shards: { name: string; node: string; searches: Record<string, Record<string, string>> }[];
}

function queryProfileToJson(p: QueryProfile): QueryProfileJson {
  return {
    shards: (p.shards ?? []).map((s) => ({
      name: s.name ?? "",
      node: s.node ?? "",
      searches: Object.fromEntries(Object.entries(s.searches ?? {}).map(([k, v]) => [k, { ...v.details }])),
    })),
  };
}

export interface ObjectPageJson {
  objects: ObjectJson[];
  /** The cursor for the next page (`?after=`), present when this page is full. */
  nextAfter?: string;
  tookMs: number;
}

/** `GET .../objects`: a page of the cursor scan; a full page may have a successor. */
export function fromObjectPage(reply: SearchReply, limit: number): ObjectPageJson {
  const { objects, tookMs } = fromSearchReply(reply);
  const page: ObjectPageJson = { objects, tookMs };
  if (objects.length >= limit && objects.length > 0) page.nextAfter = objects[objects.length - 1].id;
  return page;
}
