import "server-only";
import type { Collection } from "chromadb";
import type { Embedder } from "@/lib/ai/embeddings/types";
import { env } from "@/lib/config/env";
import type { DocumentRow } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import type { SegmentData } from "@/lib/lexical/segment";
import { ChunkWriter } from "./chunk-writer";
import { extractInWorker } from "./worker/pool";

/** How far a document's indexing has come, as shown on the documents page. */
export type IndexProgress = {
  pagesDone: number;
  pages: number | null;
  chunksDone: number;
  chunksTotal: number | null;
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
): Promise<{ pages: number | null; chunks: number; segment: SegmentData }> {
  const { document, file, embedder, collection, signal, onProgress } = job;
  const { CHUNK_TOKENS, CHUNK_OVERLAP_TOKENS, maxUnzippedBytes } = env();
  let pages: number | null = null;
  let pagesDone = 0;
  let chunksTotal = 0;
  let extracted = false;
  let segment: SegmentData | undefined;
  const report = () =>
    onProgress({ pagesDone, pages, chunksDone: writer.written, chunksTotal: extracted ? chunksTotal : null });
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
      signal,
    });
    for await (const batch of batches) {
      pages = batch.pageCount;
      pagesDone = batch.pagesDone;
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
  if (chunksTotal === 0) {
    throw new AppError(
      "unprocessable",
      document.kind === "pdf"
        ? `"${document.name}" has no text layer: it looks like a scanned image. Run it through OCR (for example ocrmypdf) and upload the result.`
        : `"${document.name}" contains no text.`,
    );
  }
  report();
  return { pages, chunks: chunksTotal, segment: segment as SegmentData };
}
