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
   * Told of every chunk written to or about to be removed from the index, and of an index emptied
   * for a rebuild; lexical embedders keep their document frequencies this way.
   */
  chunksAdded?(texts: string[]): Promise<void>;
  chunksRemoved?(texts: string[]): Promise<void>;
  chunksCleared?(): Promise<void>;
}

/** Document frequencies of terms over all stored chunks, kept by lexical embedders. */
export type CorpusStatistics = {
  read(terms: string[]): Promise<{ chunkCount: number; frequencies: Map<string, number> }>;
  add(change: { termCounts: Map<string, number>; chunks: number; sign: 1 | -1 }): Promise<void>;
  clear(): Promise<void>;
};
