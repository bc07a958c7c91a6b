import { analyze } from "@/lib/text/analyze";
import type { CorpusStatistics, Embedder } from "./types";

// BM25's parameters (Robertson & Zaragoza): term-frequency saturation and length normalisation.
const K1 = 1.2;
const B = 0.75;
const AVERAGE_CHUNK_TERMS = 220;

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let n = 0; n < text.length; n++) {
    hash ^= text.charCodeAt(n);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * An embedder that needs no model and no network: BM25 written as a dot product.
 *
 * A chunk's vector holds each term's saturated, length-normalised frequency; a query's vector holds
 * each term's inverse document frequency, read from the stored chunks' statistics at query time.
 * Terms are stemmed (so "configure" matches "configuration") and hashed with a random sign into a
 * fixed number of dimensions, so collisions cancel out on average. Chroma's inner-product space
 * then ranks chunks by their BM25 score.
 */
export class OfflineEmbedder implements Embedder {
  readonly id: string;
  readonly dimension: number;
  readonly space = "ip" as const;
  readonly label = "Built-in offline embedder (BM25 with stemming; no model, no network)";
  readonly offline = true;
  private readonly statistics: CorpusStatistics;

  constructor({ dimension = 2048, statistics }: { dimension?: number; statistics: CorpusStatistics }) {
    this.dimension = dimension;
    this.id = `offline-bm25-v1-${dimension}`;
    this.statistics = statistics;
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return this.embedTerms(texts.map(analyze));
  }

  embedTerms(terms: string[][]): number[][] {
    return terms.map((chunkTerms) => this.vectorOf(chunkTerms));
  }

  private vectorOf(terms: string[]): number[] {
    const counts = new Map<string, number>();
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    const lengthNorm = K1 * (1 - B + (B * terms.length) / AVERAGE_CHUNK_TERMS);
    const vector = new Array<number>(this.dimension).fill(0);
    for (const [term, count] of counts) {
      this.addTo(vector, term, (count * (K1 + 1)) / (count + lengthNorm));
    }
    return vector;
  }

  async embedQuery(text: string): Promise<number[]> {
    const terms = [...new Set(analyze(text))];
    const { chunkCount, frequencies } = await this.statistics.read(terms);
    const vector = new Array<number>(this.dimension).fill(0);
    for (const term of terms) {
      const frequency = frequencies.get(term) ?? 0;
      // Terms absent from every chunk cannot match; leaving them out keeps collisions from scoring.
      if (frequency === 0) continue;
      this.addTo(vector, term, Math.log(1 + (chunkCount - frequency + 0.5) / (frequency + 0.5)));
    }
    return vector;
  }

  private addTo(vector: number[], term: string, weight: number) {
    const hash = fnv1a(term);
    vector[hash % this.dimension] += hash >>> 31 ? -weight : weight;
  }
}
