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
 * How far indexing has come, e.g. "40/130 pages · 120 chunks", "reading page 41 of 130 (OCR) · 120
 * chunks" while OCR reads scanned pages, or "130/130 pages · 120/300 chunks" once every page is
 * chunked; empty before anything is counted. Non-PDF files have no pages.
 */
export function indexingProgressText({ progress }: Pick<DocumentJson, "progress">): string {
  const { pagesDone, pageCount, chunksDone, chunksTotal, readingOcr } = progress;
  const parts: string[] = [];
  // OCR takes seconds a page: say which page it is on.
  if (pageCount !== null && readingOcr && pagesDone < pageCount)
    parts.push(`reading page ${pagesDone + 1} of ${pageCount} (OCR)`);
  else if (pageCount !== null) parts.push(`${pagesDone}/${pageCount} pages`);
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

/** Page numbers as a person reads them: "3", "3 and 7", "1–4, 9 and 12" (runs of three or more joined). */
export function pageList(pages: number[]): string {
  const sorted = [...new Set(pages)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let start = 0; start < sorted.length; ) {
    let end = start;
    while (end + 1 < sorted.length && sorted[end + 1] === sorted[end] + 1) end++;
    if (end - start >= 2) runs.push(`${sorted[start]}–${sorted[end]}`);
    else for (let n = start; n <= end; n++) runs.push(String(sorted[n]));
    start = end + 1;
  }
  return runs.length <= 1 ? (runs[0] ?? "") : `${runs.slice(0, -1).join(", ")} and ${runs.at(-1)}`;
}
