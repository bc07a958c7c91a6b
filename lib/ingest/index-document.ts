import "server-only";
import { createHash, randomUUID } from "node:crypto";
import type { Collection } from "chromadb";
import { getEmbedder } from "@/lib/ai/embeddings";
import { countCorpusTerms } from "@/lib/ai/embeddings/corpus-terms";
import type { Embedder } from "@/lib/ai/embeddings/types";
import { EMBED_BATCH_SIZE } from "@/lib/config/constants";
import { env } from "@/lib/config/env";
import { type Database, getDb } from "@/lib/db/client";
import {
  deleteIndexingDocument,
  findDocumentBySha,
  insertIndexingDocument,
  markDocumentReady,
} from "@/lib/db/documents";
import type { DocumentRow } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import {
  addChunks,
  type ChunkRecord,
  chunkCollection,
  deleteDocumentChunks,
  recordDimension,
} from "@/lib/rag/chroma";
import { type Chunk, Chunker } from "./chunk";
import { cleanDocumentName } from "./document-name";
import { detectKind, extract } from "./extract";
import type { IngestProgress } from "./progress";
import { activeDocuments, isAbandoned, removeUnfinished } from "./unfinished";

export type { IngestProgress } from "./progress";

export type IngestResult = { document: DocumentRow; duplicate: boolean };

type IngestInput = {
  name: string;
  mimeType: string;
  data: Uint8Array;
  onProgress?: (progress: IngestProgress) => void;
  signal?: AbortSignal;
};

const holder = globalThis as typeof globalThis & { __ingestions?: Map<string, Promise<IngestResult>> };

/** Ingestions under way in this process, by content hash, so that identical uploads share one. */
function ingestionsInFlight(): Map<string, Promise<IngestResult>> {
  holder.__ingestions ??= new Map();
  return holder.__ingestions;
}

/**
 * Extracts, chunks, embeds and stores one document. Pages stream from the extraction workers into
 * the chunker while earlier batches are embedded and written, so the stages overlap. The document
 * becomes searchable only once every chunk is stored; on any failure its chunks and row are removed.
 */
export async function ingestDocument({
  name: rawName,
  mimeType,
  data,
  onProgress,
  signal,
}: IngestInput): Promise<IngestResult> {
  const name = cleanDocumentName(rawName);
  if (data.byteLength === 0) throw new AppError("unprocessable", `"${name}" is empty.`);
  const kind = detectKind({ name, mimeType, data });
  const sha256 = createHash("sha256").update(data).digest("hex");
  // Registered before any await, so a second upload of the same content waits for this one.
  const inFlight = ingestionsInFlight().get(sha256);
  if (inFlight) return { ...(await inFlight), duplicate: true };
  const ingestion = claimAndIndex({ name, kind, sha256, data, onProgress, signal });
  ingestionsInFlight().set(sha256, ingestion);
  try {
    return await ingestion;
  } finally {
    ingestionsInFlight().delete(sha256);
  }
}

async function claimAndIndex({
  name,
  kind,
  sha256,
  data,
  onProgress,
  signal,
}: {
  name: string;
  kind: ReturnType<typeof detectKind>;
  sha256: string;
  data: Uint8Array;
  onProgress?: (progress: IngestProgress) => void;
  signal?: AbortSignal;
}): Promise<IngestResult> {
  const db = await getDb();
  const embedder = getEmbedder();
  const collection = await chunkCollection(embedder);
  const existing = await findDocumentBySha(db, sha256);
  if (existing?.status === "ready") return { document: existing, duplicate: true };
  if (existing && !isAbandoned(existing)) {
    throw new AppError(
      "conflict",
      `"${name}" has the same content as a document that is being ${existing.status} elsewhere; try again shortly.`,
    );
  }
  if (existing) await removeUnfinished({ db, collection, embedder, row: existing });

  const claimed = await insertIndexingDocument(db, {
    id: randomUUID(),
    name,
    kind,
    bytes: data.byteLength,
    sha256,
    embedder: embedder.id,
  });
  if (!claimed) {
    const winner = await findDocumentBySha(db, sha256);
    if (winner?.status === "ready") return { document: winner, duplicate: true };
    throw new AppError(
      "conflict",
      `"${name}" has the same content as a document that is being indexed elsewhere; try again shortly.`,
    );
  }

  const ingestion = indexClaimedDocument({
    claimed,
    name,
    kind,
    data,
    embedder,
    collection,
    db,
    onProgress,
    signal,
  });
  activeDocuments().add(claimed.id);
  try {
    return await ingestion;
  } finally {
    activeDocuments().delete(claimed.id);
  }
}

async function indexClaimedDocument({
  claimed,
  name,
  kind,
  data,
  embedder,
  collection,
  db,
  onProgress,
  signal,
}: {
  claimed: DocumentRow;
  name: string;
  kind: ReturnType<typeof detectKind>;
  data: Uint8Array;
  embedder: Embedder;
  collection: Collection;
  db: Database;
  onProgress?: (progress: IngestProgress) => void;
  signal?: AbortSignal;
}): Promise<IngestResult> {
  try {
    const { pageCount, pagesDone, chunkCount, termCounts } = await indexChunks({
      documentId: claimed.id,
      documentName: name,
      kind,
      data,
      embedder,
      collection,
      onProgress,
      signal,
    });
    onProgress?.({
      stage: "finishing",
      pagesDone,
      pageCount,
      chunksDone: chunkCount,
      chunksTotal: chunkCount,
    });
    const document = await markDocumentReady(db, {
      id: claimed.id,
      pages: pageCount,
      chunks: chunkCount,
      termCounts,
    });
    return { document, duplicate: false };
  } catch (error) {
    await removePartialDocument(db, collection, claimed.id);
    throw error;
  }
}

async function removePartialDocument(db: Database, collection: Collection, id: string) {
  try {
    await deleteDocumentChunks(collection, id);
    await deleteIndexingDocument(db, id);
  } catch (cleanupError) {
    // The row stays in "indexing", so it is never searchable; the next upload of the same content
    // or the next start-up removes it.
    console.error("[ingest] could not remove a failed document", id, cleanupError);
  }
}

async function indexChunks({
  documentId,
  documentName,
  kind,
  data,
  embedder,
  collection,
  onProgress,
  signal,
}: {
  documentId: string;
  documentName: string;
  kind: ReturnType<typeof detectKind>;
  data: Uint8Array;
  embedder: Embedder;
  collection: Collection;
  onProgress?: (progress: IngestProgress) => void;
  signal?: AbortSignal;
}) {
  const { CHUNK_TOKENS, CHUNK_OVERLAP_TOKENS } = env();
  const extracted = await extract(kind, data);
  const chunker = new Chunker({ chunkTokens: CHUNK_TOKENS, overlapTokens: CHUNK_OVERLAP_TOKENS });
  const termCounts = new Map<string, number>();
  let pagesDone = 0;
  let chunksDone = 0;
  let pending: Chunk[] = [];
  let write: Promise<void> = Promise.resolve();
  let dimensionChecked = false;
  let chunksTotal: number | null = null;

  // Extraction and embedding overlap; the stage moves on to "embedding" once every page is read.
  const report = () =>
    onProgress?.({
      stage: chunksTotal === null ? "extracting" : "embedding",
      pagesDone,
      pageCount: extracted.pageCount,
      chunksDone,
      chunksTotal,
    });

  const store = async (batch: Chunk[]) => {
    signal?.throwIfAborted();
    const embeddings = await embedder.embedDocuments(
      batch.map((chunk) => chunk.text),
      { signal },
    );
    countCorpusTerms(
      embedder,
      batch.map((chunk) => chunk.text),
      termCounts,
    );
    const records: ChunkRecord[] = batch.map((chunk, n) => ({
      id: `${documentId}:${chunk.index}`,
      text: chunk.text,
      embedding: embeddings[n],
      metadata: {
        documentId,
        documentName,
        chunkIndex: chunk.index,
        page: chunk.page ?? 0,
        pageEnd: chunk.pageEnd ?? 0,
        tokens: chunk.tokens,
      },
    }));
    if (!dimensionChecked && embeddings.length > 0) {
      await recordDimension(collection, embeddings[0].length);
      dimensionChecked = true;
    }
    // One write in flight at a time: the next batch is embedded while Chroma stores this one.
    await write;
    write = addChunks(collection, records).then(() => {
      chunksDone += records.length;
      report();
    });
    // Awaited later; this keeps a failure from counting as unhandled in the meantime.
    write.catch(() => {});
  };

  try {
    for await (const pages of extracted.pages) {
      signal?.throwIfAborted();
      for (const { page, text } of pages) pending.push(...chunker.push(text, page));
      pagesDone += pages.length;
      report();
      while (pending.length >= EMBED_BATCH_SIZE) {
        await store(pending.slice(0, EMBED_BATCH_SIZE));
        pending = pending.slice(EMBED_BATCH_SIZE);
      }
    }
    pending.push(...chunker.flush());
    chunksTotal = chunker.chunkCount;
    report();
    for (let start = 0; start < pending.length; start += EMBED_BATCH_SIZE) {
      await store(pending.slice(start, start + EMBED_BATCH_SIZE));
    }
    await write;
  } catch (error) {
    // Let an in-flight write land before the caller deletes the document's chunks.
    await write.catch(() => {});
    throw error;
  }

  if (chunker.chunkCount === 0) {
    throw new AppError(
      "unprocessable",
      kind === "pdf"
        ? `"${documentName}" has no text layer: it looks like a scanned image. Run it through OCR (for example ocrmypdf) and upload the result.`
        : `"${documentName}" contains no text.`,
    );
  }
  return { pageCount: extracted.pageCount, pagesDone, chunkCount: chunker.chunkCount, termCounts };
}
