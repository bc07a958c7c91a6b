import type { QueryTerm } from "@/lib/lexical/lexical-index";
import { analyze, contentWords } from "@/lib/text/analyze";
import { synonymsOf } from "@/lib/text/synonyms";

/**
 * Weight of a synonym against the query's own words: enough to find a passage that says "halt"
 * for "stop", too little for a synonym to outrank the word itself (tuned on the eval's tune split).
 */
const SYNONYM_WEIGHT = 0.3;

let unavailable = false;

/** Synonyms, or none when WordNet's file cannot be read (said once): a search never fails for them. */
function synonymsOrNone(word: string): readonly string[] {
  if (unavailable) return [];
  try {
    return synonymsOf(word);
  } catch (error) {
    unavailable = true;
    console.error("[search] WordNet could not be loaded; searching without synonyms", error);
    return [];
  }
}

/**
 * The lexical query: the query's own index terms (word forms are folded by stemming), and, with
 * `expand`, WordNet synonyms of its words at a lower weight.
 */
export function queryTerms(query: string, { expand }: { expand: boolean }): QueryTerm[] {
  const words = contentWords(query);
  const terms = new Map<string, number>(words.map(({ term }) => [term, 1]));
  if (expand) {
    for (const { word } of words) {
      for (const synonym of synonymsOrNone(word)) {
        for (const term of analyze(synonym)) if (!terms.has(term)) terms.set(term, SYNONYM_WEIGHT);
      }
    }
  }
  return [...terms].map(([term, weight]) => ({ term, weight }));
}
