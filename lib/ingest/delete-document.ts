import "server-only";
import { getEmbedder } from "@/lib/ai/embeddings";
import { countCorpusTerms } from "@/lib/ai/embeddings/corpus-terms";
import { getDb } from "@/lib/db/client";
import { deleteDocumentRow, findDocument } from "@/lib/db/documents";
import { AppError } from "@/lib/errors";
import { chunkCollection, deleteDocumentChunks, documentChunkTexts } from "@/lib/rag/chroma";

/** Removes a document's chunks from Chroma and its row (and its terms' statistics) from the database. */
export async function deleteDocument(id: string): Promise<void> {
  const db = await getDb();
  const document = await findDocument(db, id);
  if (!document) throw new AppError("not_found", "No document with that id.");
  if (document.status !== "ready") {
    throw new AppError("conflict", "This document is still being indexed; delete it once it is done.");
  }
  const embedder = getEmbedder();
  const collection = await chunkCollection(embedder);
  const termCounts = new Map<string, number>();
  if (embedder.corpusTerms) countCorpusTerms(embedder, await documentChunkTexts(collection, id), termCounts);
  await deleteDocumentChunks(collection, id);
  await deleteDocumentRow(db, { id, termCounts });
}
