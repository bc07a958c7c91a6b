import { getDb } from "@/lib/db/client";
import { handleErrors } from "@/lib/http";
import { deleteDocument } from "@/lib/ingest/delete-document";
import { toDocumentJson } from "@/lib/ingest/document-json";
import { type DocumentParams, documentFrom, documentIdFrom } from "../schema";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The document with its status ("queued", "indexing", "ready", "failed") and indexing progress. */
export const GET = handleErrors(
  "GET /api/documents/[id]",
  async (_request: Request, context: DocumentParams) => {
    const document = await documentFrom(await getDb(), context);
    return Response.json({ document: toDocumentJson(document) });
  },
);

/** Deletes a document with its chunks and original; a queued or indexing one is cancelled. */
export const DELETE = handleErrors(
  "DELETE /api/documents/[id]",
  async (_request: Request, context: DocumentParams) => {
    const id = await documentIdFrom(context);
    await deleteDocument(id);
    return Response.json({ deleted: id });
  },
);
