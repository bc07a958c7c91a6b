import "server-only";
import { env } from "@/lib/config/env";
import { getDb } from "@/lib/db/client";
import { findOcrWords } from "@/lib/db/documents";
import type { DocumentRow } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { readTextInWorker } from "@/lib/ingest/worker/pool";
import { originalStore } from "@/lib/originals/store";
import { documentText } from "@/lib/viewer/document-text";
import type { PageText } from "./pack-pages";

/**
 * A document's text page by page, as indexing read it: read again from the kept original in the
 * text worker; a PDF's scanned pages get the words OCR read when it was indexed.
 */
export async function documentPages(document: DocumentRow): Promise<PageText[]> {
  if (document.kind !== "pdf") return documentText(document);
  const original = await originalStore().localFile(document.id);
  if (!original) {
    throw new AppError(
      "not_found",
      `The original of "${document.name}" is not kept: it was uploaded before originals were stored.`,
    );
  }
  let pages: PageText[];
  try {
    pages = await readTextInWorker({
      file: original.path,
      kind: "pdf",
      maxUnzippedBytes: env().maxUnzippedBytes,
    });
  } finally {
    await original.release();
  }
  if (document.ocrPages.length === 0) return pages;
  const db = await getDb();
  const scanned = new Set(document.ocrPages);
  return Promise.all(
    pages.map(async (page) => {
      if (page.page === null || !scanned.has(page.page) || page.text.trim()) return page;
      const words = await findOcrWords(db, document.id, page.page);
      return { page: page.page, text: words?.map((word) => word.text).join(" ") ?? "" };
    }),
  );
}
