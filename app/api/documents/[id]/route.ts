import { assertCanChange } from "@/lib/auth/access";
import { requirePerson } from "@/lib/auth/person";
import { getDb } from "@/lib/db/client";
import { handleErrors } from "@/lib/http";
import { deleteDocument } from "@/lib/ingest/delete-document";
import { toDocumentJson } from "@/lib/ingest/document-json";
import { type DocumentParams, documentFrom } from "../schema";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The document with its status ("queued", "indexing", "ready", "failed") and indexing progress. */
export const GET = handleErrors(
  "GET /api/documents/[id]",
  async (request: Request, context: DocumentParams) => {
    const document = await documentFrom(await getDb(), context, await requirePerson(request));
    return Response.json({ document: toDocumentJson(document) });
  },
);

/** Deletes a document with its chunks and original; a queued or indexing one is cancelled. */
export const DELETE = handleErrors(
  "DELETE /api/documents/[id]",
  async (request: Request, context: DocumentParams) => {
    const person = await requirePerson(request);
    const db = await getDb();
    const { id, collectionId } = await documentFrom(db, context, person);
    await assertCanChange(db, person, { collectionId });
    await deleteDocument(id);
    return Response.json({ deleted: id });
  },
);
