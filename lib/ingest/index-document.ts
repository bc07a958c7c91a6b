import "server-only";
import type { Collection } from "chromadb";
import type { Embedder } from "@/lib/ai/embeddings/types";
import { env } from "@/lib/config/env";
import type { DocumentRow } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import type { SegmentData } from "@/lib/lexical/segment";
import { ChunkWriter } from "./chunk-writer";
import type { WordBox } from "./extract";
import { ocrOptions } from "./ocr-options";
import { extractInWorker } from "./worker/pool";

/** How far a document's indexing has come, as shown on the documents page. */
export type IndexProgress = {
  pagesDone: number;
  pages: number | null;
  chunksDone: number;
  chunksTotal: number | null;
  /** Pages read by OCR so far. */
  ocrPages: number[];
  /** The pages being read now are read by OCR. */
  readingOcr: boolean;
};

/** What OCR did for a document: the pages it read, with their words, and the pages left empty. */
export type OcrOutcome = {
  pages: { page: number; words: WordBox[] }[];
  emptyPages: number[];
};

/** Everything one indexing run needs: the document, its original as a local file, and where to write. */
export type IndexJob = {
  document: Pick<DocumentRow, "id" | "name" | "kind">;
  file: string;
  embedder: Embedder;
  collection: Collection;
  signal: AbortSignal;
  onProgress: (progress: IndexProgress) => void;
};

/**
 * Indexes one stored original: extract and chunk (in a worker thread) → embed → write to Chroma.
 * Pages stream from the worker while earlier batches are embedded and written, so the stages
 * overlap. Returns the page and chunk counts and the lexical segment; the caller marks the document
 * ready with them.
 */
export async function indexDocument(
  job: IndexJob,
): Promise<{ pages: number | null; chunks: number; segment: SegmentData; ocr: OcrOutcome }> {
  const { document, file, embedder, collection, signal, onProgress } = job;
  const { CHUNK_TOKENS, CHUNK_OVERLAP_TOKENS, maxUnzippedBytes } = env();
  let pages: number | null = null;
  let pagesDone = 0;
  let chunksTotal = 0;
  let extracted = false;
  let segment: SegmentData | undefined;
  const ocr: OcrOutcome = { pages: [], emptyPages: [] };
  let readingOcr = false;
  const ocrReading = document.kind === "pdf" ? ocrOptions() : null;
  const report = () =>
    onProgress({
      pagesDone,
      pages,
      chunksDone: writer.written,
      chunksTotal: extracted ? chunksTotal : null,
      ocrPages: ocr.pages.map(({ page }) => page),
      readingOcr: readingOcr && !extracted,
    });
  const writer = new ChunkWriter({
    documentId: document.id,
    documentName: document.name,
    embedder,
    collection,
    signal,
    onWritten: report,
  });
  try {
    const batches = extractInWorker({
      file,
      kind: document.kind,
      chunkTokens: CHUNK_TOKENS,
      overlapTokens: CHUNK_OVERLAP_TOKENS,
      maxUnzippedBytes,
      ocr: ocrReading,
      signal,
    });
    for await (const batch of batches) {
      // Pages read by OCR in this batch: the next ones likely are too (shown as "(OCR)").
      if (batch.pagesDone > pagesDone) readingOcr = batch.ocrPages.length > 0;
      pages = batch.pageCount;
      pagesDone = batch.pagesDone;
      ocr.pages.push(...batch.ocrPages);
      ocr.emptyPages.push(...batch.emptyPages);
      chunksTotal += batch.chunks.length;
      await writer.add(batch.chunks);
      report();
    }
    extracted = true;
    report();
    segment = await writer.flush();
  } catch (error) {
    await writer.settle();
    throw error;
  }
  if (chunksTotal === 0)
    throw new AppError("unprocessable", noTextMessage(document, ocrReading !== null, ocr));
  report();
  return { pages, chunks: chunksTotal, segment: segment as SegmentData, ocr };
}

function noTextMessage(document: IndexJob["document"], ocrOn: boolean, ocr: OcrOutcome): string {
  if (document.kind !== "pdf") return `"${document.name}" contains no text.`;
  if (ocrOn)
    return `"${document.name}" has no readable text: OCR found none on its ${ocr.emptyPages.length === 1 ? "page" : `${ocr.emptyPages.length} pages`}. Check that the scan is legible, in a language OCR_LANGUAGES lists.`;
  return `"${document.name}" has no text layer: it looks like a scanned image, and OCR is off on this server (OCR=off). Turn OCR on, or run the file through OCR (for example ocrmypdf) and upload the result.`;
}
