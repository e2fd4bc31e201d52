import type { Tokenization } from "./schema.js";

/**
 * Weaviate's text tokenizations (adapters/repos/db/inverted/tokenizer): "word" splits on every character
 * that is not a letter or digit and lowercases; "lowercase" splits on whitespace and lowercases;
 * "whitespace" splits on whitespace; "field" keeps the trimmed value whole. Filters and BM25 both match on
 * these tokens, which is why `title == "hello"` matches "Hello, world" under word tokenization.
 */
export function tokenize(text: string, tokenization: Tokenization = "word"): string[] {
  switch (tokenization) {
    case "field": {
      const trimmed = text.trim();
      return trimmed === "" ? [] : [trimmed];
    }
    case "whitespace":
      return text.split(/\s+/).filter(Boolean);
    case "lowercase":
      return text.toLowerCase().split(/\s+/).filter(Boolean);
    default:
      return text
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .filter(Boolean);
  }
}

/** Weaviate's "en" stopword preset (adapters/repos/db/inverted/stopwords/presets.go), the default. */
export const ENGLISH_STOPWORDS: ReadonlySet<string> = new Set(
  (
    "a an and are as at be but by for if in into is it no not of on or such that the their then there these " +
    "they this to was will with"
  ).split(" "),
);
