/** One step of a document's ingestion, as streamed to the upload page (type only: safe for client code). */
export type IngestProgress = {
  /** "extracting" until every page is read, then "embedding" until every chunk is stored. */
  stage: "extracting" | "embedding" | "finishing";
  pagesDone: number;
  /** Pages in the document; null for formats without pages. */
  pageCount: number | null;
  chunksDone: number;
  /** Known once extraction has finished. */
  chunksTotal: number | null;
};
