import type { DocumentJson } from "./document-json";

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

/** One line of the NDJSON progress stream of POST /api/documents. */
export type UploadEvent =
  | ({ type: "progress"; file: number } & IngestProgress)
  | { type: "document"; file: number; document: DocumentJson; duplicate: boolean }
  | { type: "error"; file: number; name: string; status: number; error: string }
  | { type: "done" };
