import {
  type CollectionSchema,
  findProperty,
  isTextual,
  noSuchPropertyMessage,
  type PropertySchema,
} from "./schema.js";
import type { StoredObject } from "./store.js";
import { ENGLISH_STOPWORDS, tokenize } from "./tokenize.js";

export interface Bm25Query {
  query: string;
  /** Property names, optionally boosted as "title^2"; empty means every text property. */
  properties: string[];
  /** "and" requires every query term; "or" any, or at least `minimumMatch` of them. */
  operator: "and" | "or";
  minimumMatch?: number;
}

export interface ScoredHit {
  object: StoredObject;
  score: number;
  explain: string;
}

// Weaviate's BM25 defaults (invertedIndexConfig.bm25: k1 = 1.2, b = 0.75).
const K1 = 1.2;
const B = 0.75;

/**
 * Okapi BM25 over text properties, summed per property (with boosts), highest first. Term statistics come
 * from every object of the shard (`corpus`), as Weaviate's inverted index keeps them, and only the objects
 * that `allow` accepts are scored. Query terms are tokenized per property and English stopwords dropped, as
 * with Weaviate's default "en" stopword preset. An object that contains no query term is not a hit.
 */
export function bm25Search(
  corpus: readonly StoredObject[],
  schema: CollectionSchema,
  query: Bm25Query,
  allow: (object: StoredObject) => boolean = () => true,
): ScoredHit[] {
  const fields = searchedProperties(schema, query.properties);
  const stats = fields.map(({ prop }) => {
    const docs = corpus.map((o) => tokensOf(o, prop));
    const avgLength = docs.reduce((sum, t) => sum + t.length, 0) / Math.max(1, docs.length);
    return { avgLength, docs: new Map(corpus.map((o, i) => [o, docs[i]])) };
  });
  const queryTerms = fields.map(({ prop }) => {
    const terms = tokenize(query.query, prop.tokenization ?? "word");
    const kept =
      (prop.tokenization ?? "word") === "word" ? terms.filter((t) => !ENGLISH_STOPWORDS.has(t)) : terms;
    return [...new Set(kept)];
  });
  // Document frequency of each query term per property, over the whole corpus.
  const documentFrequency = queryTerms.map((terms, f) => {
    const docs = [...stats[f].docs.values()];
    return new Map(terms.map((term) => [term, docs.filter((d) => d.includes(term)).length]));
  });
  const allTerms = new Set(queryTerms.flat());
  const hits: ScoredHit[] = [];
  for (const object of corpus) {
    if (!allow(object)) continue;
    let score = 0;
    const matched = new Set<string>();
    const explain: string[] = [];
    fields.forEach(({ boost }, f) => {
      const tokens = stats[f].docs.get(object) ?? [];
      for (const term of queryTerms[f]) {
        const tf = tokens.filter((t) => t === term).length;
        if (tf === 0) continue;
        const n = documentFrequency[f].get(term) ?? 0;
        const idf = Math.log(1 + (corpus.length - n + 0.5) / (n + 0.5));
        const norm = tf + K1 * (1 - B + (B * tokens.length) / (stats[f].avgLength || 1));
        score += boost * idf * ((tf * (K1 + 1)) / norm);
        matched.add(term);
        explain.push(`BM25F_${term}_frequency:${tf}, BM25F_${term}_propLength:${tokens.length}`);
      }
    });
    if (matched.size === 0) continue;
    if (query.operator === "and" && matched.size < allTerms.size) continue;
    if (query.operator === "or" && matched.size < (query.minimumMatch ?? 1)) continue;
    hits.push({ object, score: Math.fround(score), explain: explain.join(", ") });
  }
  return hits.sort((a, b) => b.score - a.score);
}

function searchedProperties(
  schema: CollectionSchema,
  names: string[],
): { prop: PropertySchema; boost: number }[] {
  if (names.length === 0) {
    return schema.properties.filter((p) => isTextual(p.dataType)).map((prop) => ({ prop, boost: 1 }));
  }
  return names.map((entry) => {
    const [name, boostText] = entry.split("^");
    const prop = findProperty(schema.properties, name);
    if (!prop) throw new Error(noSuchPropertyMessage(name, schema.name));
    if (!isTextual(prop.dataType)) {
      throw new Error(`property '${prop.name}' of type '${prop.dataType}' cannot be searched with bm25`);
    }
    return { prop, boost: boostText === undefined ? 1 : Number(boostText) };
  });
}

function tokensOf(object: StoredObject, prop: PropertySchema): string[] {
  const value = object.properties[prop.name];
  const texts = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return texts.flatMap((t) => tokenize(String(t), prop.tokenization ?? "word"));
}
