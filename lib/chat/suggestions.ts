import "server-only";
import { getEmbedder } from "@/lib/ai/embeddings";
import { getDb } from "@/lib/db/client";
import { listDocuments } from "@/lib/db/documents";
import { documentChunkCollection, documentChunkTexts } from "@/lib/rag/chroma";

const MAX_SUGGESTIONS = 4;
const CHUNKS_SAMPLED = 80;
// A section heading as the chunker keeps it: a line of its own, numbered or in Markdown.
const HEADING = /^(?:#{1,6}\s+|(?:\d+(?:\.\d+)*\.?\s+))([A-Z][A-Za-z][\w ,'’()/-]{2,60})$/;
const GENERIC =
  /^(introduction|overview|contents|table of contents|index|preface|copying|license|acknowledg)/i;

function headingsOf(texts: string[]): string[] {
  const headings: string[] = [];
  for (const text of texts) {
    // The chunker keeps headings as lines of their own.
    for (const line of text.split("\n")) {
      const heading = line.trim().match(HEADING)?.[1]?.trim();
      if (heading && !GENERIC.test(heading) && !headings.includes(heading)) headings.push(heading);
    }
  }
  return headings;
}

/**
 * Questions for the empty chat, drawn from the section headings of the newest documents the person
 * may read (in `collectionIds`; null: all), so that
 * a person sees at once what they can ask about. Falls back to asking for a summary.
 */
export async function suggestedQuestions(collectionIds: string[] | null): Promise<string[]> {
  try {
    const documents = (await listDocuments(await getDb(), collectionIds)).filter(
      (document) => document.status === "ready",
    );
    if (documents.length === 0) return [];
    const suggestions: string[] = [];
    for (const document of documents.slice(0, 3)) {
      const collection = await documentChunkCollection(getEmbedder(), document);
      const headings = headingsOf(await documentChunkTexts(collection, document.id, CHUNKS_SAMPLED));
      // Spread the picks over the document rather than taking its first sections only.
      const picks =
        headings.length > 2
          ? [headings[Math.floor(headings.length / 3)], headings[Math.floor((2 * headings.length) / 3)]]
          : headings;
      for (const heading of picks)
        suggestions.push(`What does ${document.name} say about ${heading.toLowerCase()}?`);
      if (picks.length === 0) suggestions.push(`What are the main points of ${document.name}?`);
    }
    return suggestions.slice(0, MAX_SUGGESTIONS);
  } catch (error) {
    console.error("[suggestions]", error);
    return [];
  }
}
