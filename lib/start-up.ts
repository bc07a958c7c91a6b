import "server-only";
import { getEmbedder } from "@/lib/ai/embeddings";
import { env } from "@/lib/config/env";
import { getDb } from "@/lib/db/client";
import { deleteIndexingDocument, findStaleIndexing } from "@/lib/db/documents";
import { pdfWorkers } from "@/lib/ingest/extract/pdf-pool";
import { chunkCollection, deleteDocumentChunks } from "@/lib/rag/chroma";

/**
 * Runs once when the server starts: validates the environment (a bad one stops the server here,
 * not at the first request), migrates the database and removes documents a crash left half-indexed.
 */
export async function startUp() {
  env();
  // Spawning the PDF workers now loads pdf.js before the first upload needs it.
  pdfWorkers();
  const db = await getDb();
  const stale = await findStaleIndexing(db);
  if (stale.length === 0) return;
  try {
    const collection = await chunkCollection(getEmbedder());
    for (const document of stale) {
      await deleteDocumentChunks(collection, document.id);
      await deleteIndexingDocument(db, document.id);
      console.warn(`[start-up] removed "${document.name}", left half-indexed by an earlier run`);
    }
  } catch (error) {
    console.error(
      "[start-up] could not clean up half-indexed documents; they stay hidden from search",
      error,
    );
  }
}
