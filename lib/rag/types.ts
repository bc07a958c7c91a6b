/** A stored passage found for a query (type only: safe for client code). */
export type RetrievedChunk = {
  id: string;
  documentId: string;
  documentName: string;
  /** 1-based page where the passage starts, or null for formats without pages. */
  page: number | null;
  pageEnd: number | null;
  chunkIndex: number;
  /** The headings above the passage ("3 Format > 3.2 Rules"), or "". */
  section: string;
  text: string;
  /**
   * Higher is better: the reranker's relevance when one ran, else the fused reciprocal-rank score
   * (hybrid search), the BM25 score (lexical alone) or the cosine similarity (dense alone).
   */
  score: number;
};

export type SearchMode = "exact" | "approximate";
export type SearchMethod = "lexical" | "dense";

/** One result of POST /api/retrieve. */
export type RetrieveResultJson = Omit<RetrievedChunk, "id">;

/** The body of POST /api/retrieve's answer. */
export type RetrieveResponseJson = {
  results: RetrieveResultJson[];
  /** Which search ran: every vector scored ("exact"), or Chroma's HNSW index ("approximate"). */
  search: SearchMode;
  methods: SearchMethod[];
  /** The reranker that ordered the results, or null. */
  reranked: "lexical" | "model" | null;
};
