import "server-only";
import { getEmbedder } from "@/lib/ai/embeddings";
import { type Database, getDb } from "@/lib/db/client";
import { claimForDeletion, deleteDocumentRow, findDocument } from "@/lib/db/documents";
import type { DocumentRow } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { originalStore } from "@/lib/originals/store";
import { deleteDocumentChunks, documentChunkCollection } from "@/lib/rag/chroma";

/**
 * Removes a document in any state; a queued or indexing one is cancelled. It is first hidden from
 * search and its job is ended ("deleting": a worker on it stops at its next progress report), then
 * its chunks, its original and its row go. One request wins the claim and does the work; a
 * deletion a crash interrupted is finished by the next start-up.
 */
export async function deleteDocument(id: string): Promise<void> {
  const db = await getDb();
  const document = await findDocument(db, id);
  if (!document) throw new AppError("not_found", "No document with that id.");
  const claimed = await claimForDeletion(db, id);
  if (!claimed) throw new AppError("conflict", "This document is being deleted right now.");
  await finishDeletion(db, claimed);
}

export async function finishDeletion(db: Database, document: Pick<DocumentRow, "id" | "chromaCollection">) {
  const embedder = getEmbedder();
  const collection = await documentChunkCollection(embedder, document);
  await deleteDocumentChunks(collection, document.id);
  await originalStore().delete(document.id);
  await deleteDocumentRow(db, document.id);
}
