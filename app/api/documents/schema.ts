import { z } from "zod";
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

/** The document the path names; 404 when it is unknown or being deleted. */
export async function documentFrom(db: Database, context: DocumentParams): Promise<DocumentRow> {
  const document = await findDocument(db, await documentIdFrom(context));
  if (!document || document.status === "deleting")
    throw new AppError("not_found", "No document with that id.");
  return document;
}
