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
   * Lexical embedders weigh query terms by how rare they are in the stored chunks; they name the
   * terms of a chunk here so that ingestion can keep those document frequencies.
   */
  corpusTerms?(text: string): string[];
}

/** Document frequencies of terms over all stored chunks, read at query time by lexical embedders. */
export type CorpusStatistics = (
  terms: string[],
) => Promise<{ chunkCount: number; frequencies: Map<string, number> }>;
