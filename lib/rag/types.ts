/** A stored passage found for a query (type only: safe for client code). */
export type RetrievedChunk = {
  id: string;
  documentId: string;
  documentName: string;
  /** 1-based page where the passage starts, or null for formats without pages. */
  page: number | null;
  pageEnd: number | null;
  chunkIndex: number;
  text: string;
  /** Higher is better: BM25 score for the offline embedder, cosine similarity for remote models. */
  score: number;
};

/** One result of POST /api/retrieve. */
export type RetrieveResultJson = Omit<RetrievedChunk, "id">;
