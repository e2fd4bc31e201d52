import type { MetadataResult, PropertiesResult, SearchReply, SearchResult } from "../gen/v1/search_get.js";
import { msToIso, tookMs } from "./common.js";
import { shortestFloat32 } from "./float32-json.js";
import { type Json, propertiesToJson } from "./values.js";
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

export interface ObjectJson {
  id: string;
  collection?: string;
  properties: Record<string, Json>;
  references?: Record<string, ObjectJson[]>;
  metadata?: ObjectMetadataJson;
  vector?: number[];
  vectors?: Record<string, number[] | number[][]>;
  generated?: string;
}

export interface SearchReplyJson {
  objects: ObjectJson[];
  tookMs: number;
}

/** The one SearchReply → JSON translator. */
export function fromSearchReply(reply: SearchReply): SearchReplyJson {
  return { objects: (reply.results ?? []).map(fromSearchResult), tookMs: tookMs(reply.took) };
}

export function fromSearchResult(result: SearchResult): ObjectJson {
  return toObject(result.properties, result.metadata);
}

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
