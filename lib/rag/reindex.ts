import "server-only";
import { countCorpusTerms } from "@/lib/ai/embeddings/corpus-terms";
import type { Embedder } from "@/lib/ai/embeddings/types";
import { env } from "@/lib/config/env";
import { getDb } from "@/lib/db/client";
import { replaceEmbedderAndTermStats } from "@/lib/db/documents";
import { chromaClient, forgetCollections, recordDimension } from "./chroma";

const PAGE = 256;

/**
 * Re-embeds every stored chunk with `embedder` into a staging collection, then swaps it in under the
 * collection's name and rebuilds the term statistics. Texts and metadata are read back from Chroma.
 * Returns the number of chunks, or null when there is nothing to do.
 */
export async function reindexCollection({
  embedder,
  force = false,
  onProgress,
}: {
  embedder: Embedder;
  force?: boolean;
  onProgress?: (done: number, total: number) => void;
}): Promise<{ chunks: number; from: string } | null> {
  const name = env().CHROMA_COLLECTION;
  const client = chromaClient();
  const existing = await client.getCollection({ name }).catch(() => null);
  if (!existing || (existing.metadata?.embedder === embedder.id && !force)) return null;

  const staging = `${name}-reindex`;
  await client.deleteCollection({ name: staging }).catch(() => {});
  const target = await client.createCollection({
    name: staging,
    embeddingFunction: null,
    configuration: { hnsw: { space: embedder.space } },
    metadata: { embedder: embedder.id, dimension: embedder.dimension ?? 0, space: embedder.space },
  });
  const total = await existing.count();
  const termCounts = new Map<string, number>();
  for (let offset = 0; offset < total; offset += PAGE) {
    const page = await existing.get({ limit: PAGE, offset, include: ["documents", "metadatas"] });
    const texts = page.documents.map((text) => text ?? "");
    const embeddings = await embedder.embedDocuments(texts);
    if (offset === 0 && embeddings.length > 0) await recordDimension(target, embeddings[0].length);
    await target.add({
      ids: page.ids,
      embeddings,
      documents: texts,
      metadatas: page.metadatas.map((metadata) => metadata ?? {}),
    });
    countCorpusTerms(embedder, texts, termCounts);
    onProgress?.(Math.min(offset + PAGE, total), total);
  }
  // Swap without a moment where the name is empty: set the old index aside, rename, then drop it.
  const retired = `${name}-retired-${Date.now()}`;
  await existing.modify({ name: retired });
  await target.modify({ name });
  await client.deleteCollection({ name: retired });
  await replaceEmbedderAndTermStats(await getDb(), { embedder: embedder.id, termCounts });
  forgetCollections();
  return { chunks: total, from: String(existing.metadata?.embedder) };
}
