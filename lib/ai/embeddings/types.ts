export type VectorSpace = "ip" | "cosine";

/** Turns text into vectors for Chroma. One interface for remote models and the offline embedder. */
export interface Embedder {
  /** Recorded on the Chroma collection; vectors of different ids are never mixed. */
  readonly id: string;
  /** Known up front for the offline embedder; learned from the first response for remote models. */
  readonly dimension: number | null;
  readonly space: VectorSpace;
  /** Human-readable description for the UI and health checks. */
  readonly label: string;
  readonly offline: boolean;
  embedDocuments(texts: string[], options?: { signal?: AbortSignal }): Promise<number[][]>;
  embedQuery(text: string, options?: { signal?: AbortSignal }): Promise<number[]>;
  /**
   * Embeds texts from their index terms (from `analyze`), for embedders that work on terms: the
   * writer analyses each chunk once, for the lexical index and for this.
   */
  embedTerms?(terms: string[][]): number[][];
}

/** Document frequencies of terms over all searchable chunks (from the lexical index). */
export type CorpusStatistics = {
  read(terms: string[]): Promise<{ chunkCount: number; frequencies: Map<string, number> }>;
};
