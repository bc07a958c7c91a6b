import "server-only";
import { and, eq } from "drizzle-orm";
import type { Note } from "@/lib/summary/map-reduce";
import type { Database } from "./client";
import { type DocumentRow, summaryNotes } from "./schema";

/** Names the indexed text of a document: its content, and when it was last indexed (a reindex may cut it anew). */
export const notesVersion = (document: Pick<DocumentRow, "sha256" | "indexedAt">) =>
  `${document.sha256}:${document.indexedAt?.toISOString() ?? "never"}`;

export async function findSummaryNotes(
  db: Database,
  { document, model }: { document: DocumentRow; model: string },
): Promise<Note[] | null> {
  const [row] = await db
    .select()
    .from(summaryNotes)
    .where(and(eq(summaryNotes.documentId, document.id), eq(summaryNotes.model, model)));
  return row && row.version === notesVersion(document) ? (row.notes as Note[]) : null;
}

export async function saveSummaryNotes(
  db: Database,
  { document, model, notes }: { document: DocumentRow; model: string; notes: Note[] },
) {
  const values = {
    documentId: document.id,
    model,
    version: notesVersion(document),
    notes,
    createdAt: new Date(),
  };
  await db
    .insert(summaryNotes)
    .values(values)
    .onConflictDoUpdate({ target: [summaryNotes.documentId, summaryNotes.model], set: values });
}
