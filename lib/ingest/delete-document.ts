import "server-only";
import { getEmbedder } from "@/lib/ai/embeddings";
import { getDb } from "@/lib/db/client";
import { claimForDeletion, findDocument } from "@/lib/db/documents";
import { AppError } from "@/lib/errors";
import { chunkCollection } from "@/lib/rag/chroma";
import { activeDocuments, isAbandoned, removeUnfinished } from "./unfinished";

/**
 * Removes a document: first hidden from search ("deleting"), then its chunks leave Chroma, then its
 * row and its terms' statistics go. A deletion interrupted halfway is finished by the next attempt
 * or the next start-up.
 */
export async function deleteDocument(id: string): Promise<void> {
  const db = await getDb();
  const document = await findDocument(db, id);
  if (!document) throw new AppError("not_found", "No document with that id.");
  if (document.status !== "ready" && !isAbandoned(document)) {
    throw new AppError(
      "conflict",
      `This document is being ${document.status === "indexing" ? "indexed" : "deleted"} right now.`,
    );
  }
  const embedder = getEmbedder();
  const collection = await chunkCollection(embedder);
  const row = document.status === "ready" ? await claimForDeletion(db, id) : document;
  if (!row) throw new AppError("conflict", "This document is being deleted right now.");
  activeDocuments().add(id);
  try {
    await removeUnfinished({ db, collection, embedder, row });
  } finally {
    activeDocuments().delete(id);
  }
}
