import "server-only";
import { and, desc, eq, inArray, lt, ne, sql } from "drizzle-orm";
import type { Database } from "./client";
import { type DocumentRow, documents, termStats } from "./schema";

export type NewDocument = Pick<DocumentRow, "id" | "name" | "kind" | "bytes" | "sha256" | "embedder">;

/** Claims a content hash for indexing. Returns null when a document with that content already exists. */
export async function insertIndexingDocument(
  db: Database,
  document: NewDocument,
): Promise<DocumentRow | null> {
  const rows = await db
    .insert(documents)
    .values({ ...document, status: "indexing" })
    .onConflictDoNothing({ target: documents.sha256 })
    .returning();
  return rows[0] ?? null;
}

export async function findDocumentBySha(db: Database, sha256: string): Promise<DocumentRow | undefined> {
  const rows = await db.select().from(documents).where(eq(documents.sha256, sha256));
  return rows[0];
}

export async function findDocument(db: Database, id: string): Promise<DocumentRow | undefined> {
  const rows = await db.select().from(documents).where(eq(documents.id, id));
  return rows[0];
}

export function listDocuments(db: Database): Promise<DocumentRow[]> {
  return db.select().from(documents).orderBy(desc(documents.createdAt));
}

/** Ids of documents that are searchable; null when every stored document is (the common case). */
export async function readyDocumentFilter(db: Database): Promise<string[] | null> {
  const notReady = await db.select({ id: documents.id }).from(documents).where(ne(documents.status, "ready"));
  if (notReady.length === 0) return null;
  const ready = await db.select({ id: documents.id }).from(documents).where(eq(documents.status, "ready"));
  return ready.map((row) => row.id);
}

export async function readyDocumentIds(db: Database, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: documents.id })
    .from(documents)
    .where(and(inArray(documents.id, ids), eq(documents.status, "ready")));
  return rows.map((row) => row.id);
}

/**
 * Marks a document searchable and adds its chunks' terms to the corpus statistics, in one
 * transaction so that both change together.
 */
export async function markDocumentReady(
  db: Database,
  {
    id,
    pages,
    chunks,
    termCounts,
  }: { id: string; pages: number | null; chunks: number; termCounts: Map<string, number> },
): Promise<DocumentRow> {
  return db.transaction(async (tx) => {
    await addTermCounts(tx as unknown as Database, termCounts, 1);
    const rows = await tx
      .update(documents)
      .set({ status: "ready", pages, chunks })
      .where(eq(documents.id, id))
      .returning();
    return rows[0];
  });
}

/** Hides a ready document from search while its chunks are removed; null if it is not ready. */
export async function claimForDeletion(db: Database, id: string): Promise<DocumentRow | null> {
  const rows = await db
    .update(documents)
    .set({ status: "deleting" })
    .where(and(eq(documents.id, id), eq(documents.status, "ready")))
    .returning();
  return rows[0] ?? null;
}

/**
 * Deletes a document's row and subtracts its terms from the corpus statistics, once: a second,
 * concurrent call finds no row and changes nothing.
 */
export async function deleteDocumentRow(
  db: Database,
  { id, termCounts }: { id: string; termCounts: Map<string, number> },
): Promise<void> {
  await db.transaction(async (tx) => {
    const deleted = await tx.delete(documents).where(eq(documents.id, id)).returning({ id: documents.id });
    if (deleted.length > 0) await addTermCounts(tx as unknown as Database, termCounts, -1);
  });
}

const TERM_BATCH = 2000;

async function addTermCounts(db: Database, termCounts: Map<string, number>, sign: 1 | -1) {
  const entries = [...termCounts];
  for (let start = 0; start < entries.length; start += TERM_BATCH) {
    const values = entries
      .slice(start, start + TERM_BATCH)
      .map(([term, count]) => ({ term, chunkCount: sign * count }));
    await db
      .insert(termStats)
      .values(values)
      .onConflictDoUpdate({
        target: termStats.term,
        set: { chunkCount: sql`${termStats.chunkCount} + excluded.chunk_count` },
      });
  }
  if (sign < 0) await db.delete(termStats).where(sql`${termStats.chunkCount} <= 0`);
}

/** Document frequencies of the given terms and the number of searchable chunks. */
export async function corpusStatistics(db: Database, terms: string[]) {
  const [[totals], rows] = await Promise.all([
    db
      .select({ chunkCount: sql<number>`coalesce(sum(${documents.chunks}), 0)::int` })
      .from(documents)
      .where(eq(documents.status, "ready")),
    terms.length === 0 ? [] : db.select().from(termStats).where(inArray(termStats.term, terms)),
  ]);
  return {
    chunkCount: totals?.chunkCount ?? 0,
    frequencies: new Map(rows.map((row) => [row.term, row.chunkCount])),
  };
}

/** Documents left half-indexed or half-deleted (by a crash, or a store that failed during clean-up). */
export function findUnfinished(
  db: Database,
  { createdBefore }: { createdBefore?: Date } = {},
): Promise<DocumentRow[]> {
  const unfinished = inArray(documents.status, ["indexing", "deleting"]);
  return db
    .select()
    .from(documents)
    .where(createdBefore ? and(unfinished, lt(documents.createdAt, createdBefore)) : unfinished);
}

export async function deleteIndexingDocument(db: Database, id: string): Promise<void> {
  await db.delete(documents).where(and(eq(documents.id, id), eq(documents.status, "indexing")));
}

/** After a re-index: every document is now embedded by `embedder`, and the term statistics are rebuilt. */
export async function replaceEmbedderAndTermStats(
  db: Database,
  { embedder, termCounts }: { embedder: string; termCounts: Map<string, number> },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(documents).set({ embedder });
    await tx.delete(termStats);
    await addTermCounts(tx as unknown as Database, termCounts, 1);
  });
}
