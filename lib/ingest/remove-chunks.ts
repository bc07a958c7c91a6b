import "server-only";
import type { Collection } from "chromadb";
import type { Embedder } from "@/lib/ai/embeddings/types";
import { processState } from "@/lib/process-state";
import { deleteChunks, deleteDocumentChunks, documentChunks } from "@/lib/rag/chroma";

/**
 * Removes every chunk of a document from Chroma, telling the embedder which texts left. An
 * embedder that counts chunks is told of exactly the chunks deleted: they are read, then deleted by
 * id, so a write landing in between stays for the next removal rather than leaving uncounted. Two
 * removals of one document in this process (a deletion and its cancelled job's clean-up) run one
 * after the other, so no chunk is counted out twice.
 */
export async function removeDocumentChunks(options: {
  collection: Collection;
  embedder: Embedder;
  documentId: string;
}): Promise<void> {
  const removals = processState("chunkRemovals", () => new Map<string, Promise<void>>());
  const previous = removals.get(options.documentId) ?? Promise.resolve();
  const removal = previous.catch(() => {}).then(() => removeNow(options));
  removals.set(options.documentId, removal);
  try {
    await removal;
  } finally {
    if (removals.get(options.documentId) === removal) removals.delete(options.documentId);
  }
}

async function removeNow({
  collection,
  embedder,
  documentId,
}: {
  collection: Collection;
  embedder: Embedder;
  documentId: string;
}) {
  if (!embedder.chunksRemoved) return deleteDocumentChunks(collection, documentId);
  const { ids, texts } = await documentChunks(collection, documentId);
  if (ids.length === 0) return;
  await deleteChunks(collection, ids);
  await embedder.chunksRemoved(texts);
}
