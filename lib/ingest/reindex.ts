import "server-only";
import type { Collection } from "chromadb";
import type { Embedder } from "@/lib/ai/embeddings/types";
import { getDb } from "@/lib/db/client";
import {
  listDocumentsByStatus,
  pendingDocuments,
  setDocumentCounts,
  setDocumentsEmbedder,
} from "@/lib/db/documents";
import { writeSegment } from "@/lib/db/lexical-segments";
import type { DocumentRow } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { SegmentBuilder, type SegmentData } from "@/lib/lexical/segment";
import { originalStore } from "@/lib/originals/store";
import {
  addChunks,
  type ChunkMetadata,
  chromaClient,
  chromaName,
  forgetCollections,
  recordDimension,
} from "@/lib/rag/chroma";
import { contextualText } from "@/lib/text/contextual-text";
import { indexDocument } from "./index-document";

const PAGE = 256;

export type ReindexResult = { documents: number; chunks: number; from: string };

/**
 * Rebuilds the index with `embedder` from what is stored: every ready document is extracted,
 * chunked and embedded again from its original (so new chunk settings apply too) into a staging
 * collection per Chroma collection in use, which then takes that collection's name. A document
 * stored before originals were kept is re-embedded from its chunk texts in Chroma. Returns null
 * when there is nothing to do.
 */
export async function reindexDocuments({
  embedder,
  force = false,
  onProgress,
}: {
  embedder: Embedder;
  force?: boolean;
  onProgress?: (done: number, total: number, name: string) => void;
}): Promise<ReindexResult | null> {
  const client = chromaClient();
  const db = await getDb();
  const documents = await listDocumentsByStatus(db, ["ready"]);
  // The configured collection, and one per app collection that holds documents.
  const suffixes = [...new Set(["", ...documents.map((document) => document.chromaCollection)])];
  const existing = new Map<string, Collection>();
  for (const suffix of suffixes) {
    const found = await client.getCollection({ name: chromaName(suffix) }).catch(() => null);
    if (found) existing.set(suffix, found);
  }
  const base = existing.get("");
  if (
    !base ||
    ![...existing.values()].some((collection) => force || collection.metadata?.embedder !== embedder.id)
  )
    return null;
  if ((await pendingDocuments(db)) > 0) {
    throw new AppError(
      "conflict",
      "Documents are still being indexed: wait until they are ready (or delete them), then re-index.",
    );
  }

  const staged = new Map<string, Collection>();
  for (const suffix of suffixes) {
    const staging = `${chromaName(suffix)}-reindex`;
    await client.deleteCollection({ name: staging }).catch(() => {});
    staged.set(
      suffix,
      await client.createCollection({
        name: staging,
        embeddingFunction: null,
        configuration: { hnsw: { space: embedder.space } },
        metadata: { embedder: embedder.id, dimension: embedder.dimension ?? 0, space: embedder.space },
      }),
    );
  }
  const store = originalStore();
  const signal = new AbortController().signal;
  let chunks = 0;
  const segments = new Map<string, SegmentData>();
  for (const [n, document] of documents.entries()) {
    onProgress?.(n, documents.length, document.name);
    const target = staged.get(document.chromaCollection) as Collection;
    const from = existing.get(document.chromaCollection);
    const local = await store.localFile(document.id);
    try {
      const counts = local
        ? await indexDocument({
            document,
            file: local.path,
            embedder,
            collection: target,
            signal,
            onProgress: () => {},
          })
        : from
          ? { pages: document.pages, ...(await copyChunks({ document, from, to: target, embedder })) }
          : null;
      if (!counts)
        throw new AppError("not_found", `"${document.name}" has neither its original nor its chunks.`);
      await setDocumentCounts(db, { id: document.id, pages: counts.pages, chunks: counts.chunks });
      segments.set(document.id, counts.segment);
      chunks += counts.chunks;
    } finally {
      await local?.release();
    }
  }
  onProgress?.(documents.length, documents.length, "");
  // Swap without a moment where a name is empty: set the old index aside, rename, then drop it.
  for (const [suffix, target] of staged) {
    const name = chromaName(suffix);
    const old = existing.get(suffix);
    const retired = `${name}-retired-${Date.now()}`;
    if (old) await old.modify({ name: retired });
    await target.modify({ name });
    if (old) await client.deleteCollection({ name: retired });
  }
  await db.transaction(async (tx) => {
    for (const [id, segment] of segments) await writeSegment(tx, id, segment);
  });
  await setDocumentsEmbedder(db, embedder.id);
  forgetCollections();
  return { documents: documents.length, chunks, from: String(base.metadata?.embedder) };
}

/** Re-embeds one document's stored chunk texts into `to`; for documents kept without their original. */
async function copyChunks({
  document,
  from,
  to,
  embedder,
}: {
  document: DocumentRow;
  from: Collection;
  to: Collection;
  embedder: Embedder;
}): Promise<{ chunks: number; segment: SegmentData }> {
  let copied = 0;
  const segment = new SegmentBuilder();
  for (let offset = 0; ; offset += PAGE) {
    const page = await from.get<ChunkMetadata>({
      where: { documentId: document.id },
      limit: PAGE,
      offset,
      include: ["documents", "metadatas"],
    });
    if (page.ids.length === 0) break;
    const texts = page.documents.map((text) => text ?? "");
    const metadatas = page.metadatas as ChunkMetadata[];
    const contextual = texts.map((text, n) =>
      contextualText({ text, section: metadatas[n].section }, document.name),
    );
    const embeddings = await embedder.embedDocuments(contextual);
    contextual.forEach((text, n) => {
      segment.addText(metadatas[n].chunkIndex, text);
    });
    if (embeddings.length > 0) await recordDimension(to, embeddings[0].length);
    await addChunks(
      to,
      page.ids.map((id, n) => ({
        id,
        text: texts[n],
        embedding: embeddings[n],
        metadata: metadatas[n],
      })),
    );
    copied += page.ids.length;
    if (page.ids.length < PAGE) break;
  }
  return { chunks: copied, segment: segment.build() };
}
