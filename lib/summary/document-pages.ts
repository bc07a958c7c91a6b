import "server-only";
import { getEmbedder } from "@/lib/ai/embeddings";
import { chunkCollection, documentChunksInOrder } from "@/lib/rag/chroma";
import type { PageText } from "./pack-pages";

/** The start of a chunk that repeats the end of the one before it (ingestion's overlap), found by its text. */
function withoutOverlap(previous: string, text: string): string {
  // The overlap is the previous chunk's closing text: an end of `previous` that starts `text`.
  const probe = text.slice(0, 40);
  if (probe.length < 20) return text;
  for (let at = previous.lastIndexOf(probe); at !== -1; at = previous.lastIndexOf(probe, at - 1)) {
    const tail = previous.slice(at);
    if (text.startsWith(tail)) return text.slice(tail.length).trimStart();
    if (at === 0) break;
  }
  return text;
}

/**
 * A document's text page by page, as indexing read it (OCR included), from its chunks in Chroma
 * with their overlap removed: the text the answers cite, for every kind of document.
 */
export async function documentPages(documentId: string): Promise<PageText[]> {
  const collection = await chunkCollection(getEmbedder());
  const chunks = await documentChunksInOrder(collection, documentId);
  const pages: PageText[] = [];
  let previous = "";
  for (const { text, metadata } of chunks) {
    const page = metadata.page > 0 ? metadata.page : null;
    const fresh = withoutOverlap(previous, text);
    previous = text;
    const last = pages.at(-1);
    if (last && last.page === page) last.text = `${last.text}\n\n${fresh}`;
    else pages.push({ page, text: fresh });
  }
  return pages;
}
