import "server-only";
import type { Collection } from "chromadb";
import { countCorpusTerms } from "@/lib/ai/embeddings/corpus-terms";
import type { Embedder } from "@/lib/ai/embeddings/types";
import { env } from "@/lib/config/env";
import type { Database } from "@/lib/db/client";
import { deleteDocumentRow, deleteIndexingDocument } from "@/lib/db/documents";
import type { DocumentRow } from "@/lib/db/schema";
import { deleteDocumentChunks, documentChunkTexts } from "@/lib/rag/chroma";

/** With a shared Postgres, another instance may be indexing a row; only older ones count as abandoned. */
const ABANDONED_AFTER_MS = 15 * 60 * 1000;

const holder = globalThis as typeof globalThis & { __activeDocuments?: Set<string> };

/** Ids of documents this process is indexing or deleting right now. */
export function activeDocuments(): Set<string> {
  holder.__activeDocuments ??= new Set();
  return holder.__activeDocuments;
}

/**
 * Whether an "indexing" or "deleting" row was abandoned (a crash, or a clean-up that failed) rather
 * than being worked on. The embedded database belongs to this process alone, so there any row this
 * process is not working on is abandoned.
 */
export function isAbandoned(row: DocumentRow): boolean {
  if (activeDocuments().has(row.id)) return false;
  if (!env().DATABASE_URL) return true;
  return Date.now() - row.createdAt.getTime() > ABANDONED_AFTER_MS;
}

export function abandonedCutoff(): Date | undefined {
  return env().DATABASE_URL ? new Date(Date.now() - ABANDONED_AFTER_MS) : undefined;
}

/** Finishes what an abandoned row started: removes a half-indexed document, or completes a deletion. */
export async function removeUnfinished({
  db,
  collection,
  embedder,
  row,
}: {
  db: Database;
  collection: Collection;
  embedder: Embedder;
  row: DocumentRow;
}): Promise<void> {
  if (row.status === "indexing") {
    // Its terms were never added to the statistics: they are added only when a document becomes ready.
    await deleteDocumentChunks(collection, row.id);
    await deleteIndexingDocument(db, row.id);
    return;
  }
  const termCounts = new Map<string, number>();
  countCorpusTerms(embedder, await documentChunkTexts(collection, row.id), termCounts);
  await deleteDocumentChunks(collection, row.id);
  await deleteDocumentRow(db, { id: row.id, termCounts });
}
