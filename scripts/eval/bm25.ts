// Plain BM25 (Robertson & Zaragoza; k1 = 1.2, b = 0.75) with lower-cased alphanumeric tokens and no
// stemming: the baseline the offline embedder is measured against.
const K1 = 1.2;
const B = 0.75;

const tokenize = (text: string) => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];

export function bm25Index(texts: string[]) {
  const documents = texts.map(tokenize);
  const averageLength =
    documents.reduce((sum, terms) => sum + terms.length, 0) / Math.max(1, documents.length);
  const frequencies = new Map<string, number>();
  const termCounts = documents.map((terms) => {
    const counts = new Map<string, number>();
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    for (const term of counts.keys()) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
    return counts;
  });
  /** Indexes of the best-scoring texts for a query, best first. */
  return (query: string, topK: number): number[] => {
    const terms = [...new Set(tokenize(query))];
    const scores = termCounts.map((counts, n) => {
      let score = 0;
      for (const term of terms) {
        const count = counts.get(term);
        if (!count) continue;
        const frequency = frequencies.get(term) ?? 0;
        const idf = Math.log(1 + (documents.length - frequency + 0.5) / (frequency + 0.5));
        score +=
          (idf * count * (K1 + 1)) / (count + K1 * (1 - B + (B * documents[n].length) / averageLength));
      }
      return score;
    });
    return scores
      .map((score, n) => ({ score, n }))
      .filter((entry) => entry.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, topK)
      .map((entry) => entry.n);
  };
}

/** Fixed windows of `size` characters, the way a naive splitter cuts text. */
export function fixedCharacterChunks(text: string, size: number): string[] {
  const chunks: string[] = [];
  for (let start = 0; start < text.length; start += size) chunks.push(text.slice(start, start + size));
  return chunks;
}
