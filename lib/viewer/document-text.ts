import "server-only";
import { LRUCache } from "lru-cache";
import { env } from "@/lib/config/env";
import type { DocumentRow } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { readTextInWorker } from "@/lib/ingest/worker/pool";
import { originalStore } from "@/lib/originals/store";
import { processState } from "@/lib/process-state";

export type DocumentPage = { page: number | null; text: string };

/** Characters of text kept for documents opened recently (UTF-16: about twice as many bytes). */
const CACHE_CHARS = 32 * 1024 * 1024;

function cache() {
  return processState(
    "documentTexts",
    () =>
      new LRUCache<string, DocumentPage[]>({
        maxSize: CACHE_CHARS,
        sizeCalculation: (pages) =>
          Math.max(
            1,
            pages.reduce((sum, { text }) => sum + text.length, 0),
          ),
      }),
  );
}

/**
 * A document's text as indexing read it, page by page (one page without a number for formats without
 * pages), for the viewer to show with the cited passage highlighted. Read again from the kept
 * original, in a worker thread; a PDF is shown as its pages instead.
 */
export async function documentText(document: DocumentRow): Promise<DocumentPage[]> {
  if (document.kind === "pdf") {
    throw new AppError(
      "bad_request",
      "A PDF is shown as its pages: its file is at /api/documents/{id}/file.",
    );
  }
  // The hash names the content: a document's text never changes under it.
  const key = document.sha256;
  const cached = cache().get(key);
  if (cached) return cached;
  const original = await originalStore().localFile(document.id);
  if (!original) {
    throw new AppError(
      "not_found",
      `The original of "${document.name}" is not kept: it was uploaded before originals were stored.`,
    );
  }
  try {
    const pages = await readTextInWorker({
      file: original.path,
      kind: document.kind,
      maxUnzippedBytes: env().maxUnzippedBytes,
    });
    cache().set(key, pages);
    return pages;
  } finally {
    await original.release();
  }
}
