import type { DocumentJson } from "@/lib/ingest/document-json";
import { plural } from "../format";

export const STATUS_LABELS: Record<DocumentJson["status"], string> = {
  queued: "Queued",
  indexing: "Indexing",
  ready: "Ready",
  failed: "Failed",
  deleting: "Deleting",
};

/** Still on its way through the ingestion queue: it will change without anyone acting. */
export function isPending(document: Pick<DocumentJson, "status">): boolean {
  return document.status === "queued" || document.status === "indexing";
}

/**
 * How far indexing has come, e.g. "40/130 pages · 120 chunks", or "130/130 pages · 120/300 chunks"
 * once every page is chunked; empty before anything is counted. Non-PDF files have no pages.
 */
export function indexingProgressText({ progress }: Pick<DocumentJson, "progress">): string {
  const { pagesDone, pageCount, chunksDone, chunksTotal } = progress;
  const parts: string[] = [];
  if (pageCount !== null) parts.push(`${pagesDone}/${pageCount} pages`);
  if (chunksTotal !== null) parts.push(`${chunksDone}/${chunksTotal} chunks`);
  else if (pageCount !== null || chunksDone > 0) parts.push(plural(chunksDone, "chunk"));
  return parts.join(" · ");
}

/**
 * Indexing's share done, from 0 to 1, or null while nothing is countable. For a PDF reading the
 * pages is the first half and storing the chunks the second, so the bar does not run backwards
 * when the chunk total becomes known.
 */
export function indexingFraction({ progress }: Pick<DocumentJson, "progress">): number | null {
  const { pagesDone, pageCount, chunksDone, chunksTotal } = progress;
  const chunks = chunksTotal ? Math.min(1, chunksDone / chunksTotal) : null;
  if (!pageCount) return chunks;
  return 0.5 * Math.min(1, pagesDone / pageCount) + 0.5 * (chunks ?? 0);
}
