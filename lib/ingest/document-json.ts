import type { DocumentRow } from "@/lib/db/schema";

/** How a document is shown through the HTTP API and in the UI (type only: safe for client code). */
export type DocumentJson = {
  id: string;
  name: string;
  /** The collection it lives in (`private:<user id>` for a person's private one). */
  collectionId: string;
  kind: DocumentRow["kind"];
  /** Pages in the document; null for formats without pages, or before extraction has counted them. */
  pages: number | null;
  chunks: number;
  bytes: number;
  status: DocumentRow["status"];
  /** Why indexing failed; null unless status is "failed". */
  error: string | null;
  /** How far indexing has come; complete once ready. */
  progress: {
    pagesDone: number;
    pageCount: number | null;
    chunksDone: number;
    chunksTotal: number | null;
    /** The pages being read now are read by OCR. */
    readingOcr: boolean;
  };
  /** Pages read by OCR, for want of a text layer (so far, while indexing). */
  ocrPages: number[];
  /** Pages where no text was found, even by OCR. */
  emptyPages: number[];
  createdAt: string;
  /** When it last became ready; null before. */
  indexedAt: string | null;
};

export function toDocumentJson(row: DocumentRow): DocumentJson {
  return {
    id: row.id,
    name: row.name,
    collectionId: row.collectionId,
    kind: row.kind,
    pages: row.pages,
    chunks: row.chunks,
    bytes: row.bytes,
    status: row.status,
    error: row.error,
    progress: {
      pagesDone: row.pagesDone,
      pageCount: row.pages,
      chunksDone: row.chunksDone,
      chunksTotal: row.chunksTotal,
      readingOcr: row.readingOcr,
    },
    ocrPages: row.ocrPages,
    emptyPages: row.emptyPages,
    createdAt: row.createdAt.toISOString(),
    indexedAt: row.indexedAt?.toISOString() ?? null,
  };
}
