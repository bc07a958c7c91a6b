import "server-only";
import { and, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { SegmentData } from "@/lib/lexical/segment";
import type { Database } from "./client";
import { deleteSegment, writeSegment } from "./lexical-segments";
import {
  type DocumentRow,
  type DocumentStatus,
  documents,
  ingestJobs,
  type OcrWordRow,
  ocrWords,
} from "./schema";

/** Pages of OCR words written per statement (a page holds a few hundred words). */
const OCR_WORDS_BATCH = 50;

export type NewDocument = Pick<
  DocumentRow,
  "id" | "name" | "kind" | "bytes" | "sha256" | "embedder" | "mimeType"
> & {
  /** The one shared space (LOCAL_COLLECTION) when not given. */
  collectionId?: string;
  /** The Chroma collection its chunks go to (lib/rag/chroma.ts); the configured one when not given. */
  chromaCollection?: string;
};

/**
 * Registers a stored upload as "queued" with its ingestion job, in one transaction. Returns null
 * when a document with the same content already exists.
 */
export async function insertQueuedDocument(db: Database, document: NewDocument): Promise<DocumentRow | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(documents)
      .values({ ...document, status: "queued" })
      .onConflictDoNothing({ target: [documents.collectionId, documents.sha256] })
      .returning();
    if (!row) return null;
    await tx.insert(ingestJobs).values({ documentId: row.id });
    return row;
  });
}

/** Queues a failed document again (its original is kept), as when the same file is uploaded again. */
export async function requeueFailedDocument(db: Database, id: string): Promise<DocumentRow | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(documents)
      .set({ status: "queued", error: null, pagesDone: 0, chunksDone: 0, chunksTotal: null })
      .where(and(eq(documents.id, id), eq(documents.status, "failed")))
      .returning();
    if (!row) return null;
    await tx.insert(ingestJobs).values({ documentId: row.id }).onConflictDoNothing();
    return row;
  });
}

export async function findDocumentBySha(
  db: Database,
  { collectionId, sha256 }: { collectionId: string; sha256: string },
): Promise<DocumentRow | undefined> {
  const rows = await db
    .select()
    .from(documents)
    .where(and(eq(documents.collectionId, collectionId), eq(documents.sha256, sha256)));
  return rows[0];
}

export async function findDocument(db: Database, id: string): Promise<DocumentRow | undefined> {
  const rows = await db.select().from(documents).where(eq(documents.id, id));
  return rows[0];
}

/** Every document but those being deleted (in these collections; null: all), newest first. */
export function listDocuments(db: Database, collectionIds: string[] | null): Promise<DocumentRow[]> {
  return db
    .select()
    .from(documents)
    .where(
      collectionIds === null
        ? ne(documents.status, "deleting")
        : and(ne(documents.status, "deleting"), inArray(documents.collectionId, collectionIds)),
    )
    .orderBy(desc(documents.createdAt));
}

export function listDocumentsByStatus(db: Database, statuses: DocumentStatus[]): Promise<DocumentRow[]> {
  return db.select().from(documents).where(inArray(documents.status, statuses)).orderBy(documents.createdAt);
}

export type IndexingProgress = Pick<DocumentRow, "pagesDone" | "pages" | "chunksDone" | "chunksTotal"> &
  Partial<Pick<DocumentRow, "ocrPages" | "readingOcr">>;

/** Records an indexing document's progress; false when it is no longer indexing (it was cancelled). */
export async function recordProgress(db: Database, id: string, progress: IndexingProgress): Promise<boolean> {
  const rows = await db
    .update(documents)
    .set(progress)
    .where(and(eq(documents.id, id), eq(documents.status, "indexing")))
    .returning({ id: documents.id });
  return rows.length > 0;
}

/**
 * Marks an indexing document searchable, with its lexical segment, and ends its job; null when it
 * was cancelled meanwhile.
 */
export async function markDocumentReady(
  db: Database,
  {
    id,
    pages,
    chunks,
    segment,
    ocr = { pages: [], emptyPages: [] },
  }: {
    id: string;
    pages: number | null;
    chunks: number;
    segment: SegmentData;
    /** The pages OCR read, with their words, and the pages left without text. */
    ocr?: { pages: { page: number; words: OcrWordRow["words"] }[]; emptyPages: number[] };
  },
): Promise<DocumentRow | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(documents)
      .set({
        status: "ready",
        pages,
        pagesDone: pages ?? 0,
        chunks,
        chunksDone: chunks,
        chunksTotal: chunks,
        error: null,
        indexedAt: new Date(),
        ocrPages: ocr.pages.map(({ page }) => page),
        emptyPages: ocr.emptyPages,
        readingOcr: false,
      })
      .where(and(eq(documents.id, id), eq(documents.status, "indexing")))
      .returning();
    await tx.delete(ingestJobs).where(eq(ingestJobs.documentId, id));
    if (row) {
      await writeSegment(tx, id, segment);
      await tx.delete(ocrWords).where(eq(ocrWords.documentId, id));
      for (let start = 0; start < ocr.pages.length; start += OCR_WORDS_BATCH) {
        const rows = ocr.pages
          .slice(start, start + OCR_WORDS_BATCH)
          .map(({ page, words }) => ({ documentId: id, page, words }));
        await tx.insert(ocrWords).values(rows);
      }
    }
    return row ?? null;
  });
}

/** Marks a document failed with a reason a person can act on, and ends its job. */
export async function markDocumentFailed(db: Database, { id, error }: { id: string; error: string }) {
  await db.transaction(async (tx) => {
    await tx
      .update(documents)
      .set({ status: "failed", error, chunksDone: 0 })
      .where(and(eq(documents.id, id), inArray(documents.status, ["queued", "indexing"])));
    await tx.delete(ingestJobs).where(eq(ingestJobs.documentId, id));
  });
}

/** Hides a document from search and stops its job while it is removed; null if already being deleted. */
export async function claimForDeletion(db: Database, id: string): Promise<DocumentRow | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(documents)
      .set({ status: "deleting" })
      .where(and(eq(documents.id, id), ne(documents.status, "deleting")))
      .returning();
    if (row) {
      await tx.delete(ingestJobs).where(eq(ingestJobs.documentId, id));
      await deleteSegment(tx, id);
    }
    return row ?? null;
  });
}

export async function deleteDocumentRow(db: Database, id: string): Promise<void> {
  await db.delete(documents).where(eq(documents.id, id));
}

/** Total bytes and count of documents still to be indexed (for health and the bench). */
export async function pendingDocuments(db: Database): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(documents)
    .where(inArray(documents.status, ["queued", "indexing"]));
  return row?.count ?? 0;
}

/** After a document is indexed again (a re-index), its page and chunk counts. */
export async function setDocumentCounts(
  db: Database,
  { id, pages, chunks }: { id: string; pages: number | null; chunks: number },
): Promise<void> {
  await db
    .update(documents)
    .set({ pages, chunks, chunksDone: chunks, chunksTotal: chunks, indexedAt: new Date() })
    .where(eq(documents.id, id));
}

/** After a re-index: every document is now embedded by `embedder`. */
export async function setDocumentsEmbedder(db: Database, embedder: string): Promise<void> {
  await db.update(documents).set({ embedder });
}

/** The words OCR read on a page, with their boxes; null when the page was not read by OCR. */
export async function findOcrWords(
  db: Database,
  id: string,
  page: number,
): Promise<OcrWordRow["words"] | null> {
  const [row] = await db
    .select({ words: ocrWords.words })
    .from(ocrWords)
    .where(and(eq(ocrWords.documentId, id), eq(ocrWords.page, page)));
  return row?.words ?? null;
}

/** The kinds of the documents with these ids. */
export async function documentKinds(db: Database, ids: string[]): Promise<Map<string, DocumentRow["kind"]>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: documents.id, kind: documents.kind })
    .from(documents)
    .where(inArray(documents.id, ids));
  return new Map(rows.map((row) => [row.id, row.kind]));
}
