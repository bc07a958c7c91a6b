import type { Embedder } from "./types";

/** Adds, for each corpus term of the embedder, the number of texts containing it to `counts`. */
export function countCorpusTerms(embedder: Embedder, texts: string[], counts: Map<string, number>) {
  if (!embedder.corpusTerms) return;
  for (const text of texts) {
    for (const term of embedder.corpusTerms(text)) counts.set(term, (counts.get(term) ?? 0) + 1);
  }
}
