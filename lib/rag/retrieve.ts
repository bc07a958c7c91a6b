import "server-only";
import { getEmbedder } from "@/lib/ai/embeddings";
import { getDb } from "@/lib/db/client";
import { readyDocumentFilter, readyDocumentIds } from "@/lib/db/documents";
import { chunkCollection, queryChunks } from "./chroma";
import type { RetrievedChunk } from "./types";

export type { RetrievedChunk } from "./types";

/**
 * The stored passages closest to a query, best first. Only fully indexed documents are searched;
 * `documentIds` narrows the search inside the Chroma query itself.
 */
export async function retrieve({
  query,
  topK,
  documentIds,
  signal,
}: {
  query: string;
  topK: number;
  documentIds?: string[];
  signal?: AbortSignal;
}): Promise<RetrievedChunk[]> {
  const db = await getDb();
  const embedder = getEmbedder();
  const [scope, collection, embedding] = await Promise.all([
    documentIds ? readyDocumentIds(db, documentIds) : readyDocumentFilter(db),
    chunkCollection(embedder),
    embedder.embedQuery(query, { signal }),
  ]);
  signal?.throwIfAborted();
  if (scope && scope.length === 0) return [];
  // A lexical query vector is all zeros when none of its words occurs in any document.
  if (embedding.every((value) => value === 0)) return [];

  const matches = await queryChunks(collection, { embedding, topK, documentIds: scope });
  // A document may have started indexing (or deleting) after the scope was read; keep only ready ones.
  const found = [...new Set(matches.map((match) => match.metadata.documentId))];
  const ready = new Set(await readyDocumentIds(db, found));
  return matches
    .filter((match) => ready.has(match.metadata.documentId))
    .map(({ id, text, metadata, distance }) => ({
      id,
      documentId: metadata.documentId,
      documentName: metadata.documentName,
      page: metadata.page > 0 ? metadata.page : null,
      pageEnd: metadata.pageEnd > 0 ? metadata.pageEnd : null,
      chunkIndex: metadata.chunkIndex,
      text,
      score: 1 - distance,
    }))
    .filter((chunk) => embedder.space !== "ip" || chunk.score > 0);
}
