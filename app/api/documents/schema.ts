import { z } from "zod";
import { assertReadable } from "@/lib/auth/access";
import type { Person } from "@/lib/auth/person";
import type { Database } from "@/lib/db/client";
import { findDocument } from "@/lib/db/documents";
import type { DocumentRow } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";

export const documentIdSchema = z.string().uuid("That is not a document id.");

/** The route context of /api/documents/[id] and the routes under it. */
export type DocumentParams = { params: Promise<{ id: string }> };

/** The id in the path; anything but a document id answers 404, as an unknown id does. */
export async function documentIdFrom({ params }: DocumentParams): Promise<string> {
  const parsed = documentIdSchema.safeParse((await params).id);
  if (!parsed.success) throw new AppError("not_found", "No document with that id.");
  return parsed.data;
}

/** The document the path names; 404 when it is unknown, being deleted, or not the person's to read. */
export async function documentFrom(
  db: Database,
  context: DocumentParams,
  person: Person,
): Promise<DocumentRow> {
  const document = await findDocument(db, await documentIdFrom(context));
  if (!document || document.status === "deleting")
    throw new AppError("not_found", "No document with that id.");
  await assertReadable(db, person, document);
  return document;
}
