import "server-only";
import type { Collection } from "chromadb";
import type { Embedder } from "@/lib/ai/embeddings/types";
import { deleteDocumentChunks, documentChunkTexts } from "@/lib/rag/chroma";

/** Removes every chunk of a document from Chroma, telling the embedder which texts left. */
export async function removeDocumentChunks({
  collection,
  embedder,
  documentId,
}: {
  collection: Collection;
  embedder: Embedder;
  documentId: string;
}) {
  const texts = embedder.chunksRemoved ? await documentChunkTexts(collection, documentId) : [];
  await deleteDocumentChunks(collection, documentId);
  if (texts.length > 0) await embedder.chunksRemoved?.(texts);
}
