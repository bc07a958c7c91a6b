import "server-only";
import type { Collection } from "chromadb";
import type { Database } from "@/lib/db/client";
import { documentsWithoutSegment, writeSegment } from "@/lib/db/lexical-segments";
import { SegmentBuilder } from "@/lib/lexical/segment";
import type { ChunkMetadata } from "@/lib/rag/chroma";
import { contextualText } from "@/lib/text/contextual-text";

const PAGE = 1000;

/**
 * Builds the lexical segment of every ready document that has none (indexed before the lexical
 * index existed) from its chunks in Chroma: the configured collection, which every document of that
 * time is in. Returns how many documents it indexed.
 */
export async function backfillSegments(db: Database, collection: Collection): Promise<number> {
  const documents = await documentsWithoutSegment(db);
  for (const document of documents) {
    const segment = new SegmentBuilder();
    for (let offset = 0; ; offset += PAGE) {
      const page = await collection.get<ChunkMetadata>({
        where: { documentId: document.id },
        include: ["documents", "metadatas"],
        limit: PAGE,
        offset,
      });
      page.ids.forEach((_, n) => {
        const metadata = page.metadatas[n] as ChunkMetadata;
        const text = contextualText(
          { text: page.documents[n] ?? "", section: metadata.section },
          document.name,
        );
        segment.addText(metadata.chunkIndex, text);
      });
      if (page.ids.length < PAGE) break;
    }
    await writeSegment(db, document.id, segment.build());
  }
  return documents.length;
}
