import "server-only";
import { and, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import type { SegmentData } from "@/lib/lexical/segment";
import type { Database } from "./client";
import { documents, lexicalSegments, searchState } from "./schema";

type Executor = Pick<Database, "insert" | "delete" | "select">;

/** Stores (or replaces) a document's segment; call inside the transaction that makes it ready. */
export async function writeSegment(db: Executor, documentId: string, segment: SegmentData) {
  const values = { documentId, chunks: segment.chunks.length, data: JSON.stringify(segment) };
  await db
    .insert(lexicalSegments)
    .values(values)
    .onConflictDoUpdate({
      target: lexicalSegments.documentId,
      // A new version, so that instances holding the old segment load this one.
      set: { ...values, version: sql`nextval(pg_get_serial_sequence('lexical_segments', 'version'))` },
    });
}

export async function deleteSegment(db: Executor, documentId: string) {
  await db.delete(lexicalSegments).where(eq(lexicalSegments.documentId, documentId));
}

/** The counter raised by every change to what is searchable. */
export async function searchVersion(db: Database): Promise<number> {
  const [row] = await db.select({ version: searchState.version }).from(searchState);
  return row?.version ?? 0;
}

/** Every stored segment's document and version, and how many documents are not (yet) searchable. */
/**
 * Every segment's version with the Chroma collection its document's chunks are in, and the
 * documents that are not searchable, counted per Chroma collection (Chroma may hold their chunks).
 */
export async function segmentVersions(db: Database) {
  const [rows, notReady] = await Promise.all([
    db
      .select({
        documentId: lexicalSegments.documentId,
        version: lexicalSegments.version,
        chromaCollection: documents.chromaCollection,
      })
      .from(lexicalSegments)
      .innerJoin(documents, eq(documents.id, lexicalSegments.documentId)),
    db
      .select({ chromaCollection: documents.chromaCollection, count: sql<number>`count(*)::int` })
      .from(documents)
      .where(ne(documents.status, "ready"))
      .groupBy(documents.chromaCollection),
  ]);
  return {
    segments: rows,
    notReady: new Map(notReady.map((row) => [row.chromaCollection, row.count])),
  };
}

export async function readSegments(db: Database, documentIds: string[]) {
  if (documentIds.length === 0) return [];
  const rows = await db
    .select({
      documentId: lexicalSegments.documentId,
      version: lexicalSegments.version,
      data: lexicalSegments.data,
    })
    .from(lexicalSegments)
    .where(inArray(lexicalSegments.documentId, documentIds));
  return rows.map((row) => ({ ...row, data: JSON.parse(row.data) as SegmentData }));
}

/** Ready documents that have no segment (indexed before the lexical index existed). */
export async function documentsWithoutSegment(db: Database): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: documents.id, name: documents.name })
    .from(documents)
    .leftJoin(lexicalSegments, eq(lexicalSegments.documentId, documents.id))
    .where(and(eq(documents.status, "ready"), isNull(lexicalSegments.documentId)));
}
