import { getDb } from "@/lib/db/client";
import { findDocument } from "@/lib/db/documents";
import { AppError } from "@/lib/errors";
import { handleErrors } from "@/lib/http";
import { documentText } from "@/lib/viewer/document-text";
import { type DocumentParams, documentIdFrom } from "../../schema";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The text of a document that is not a PDF, page by page (slides for PPTX, sheets' tables for XLSX). */
export const GET = handleErrors(
  "GET /api/documents/[id]/text",
  async (_request: Request, context: DocumentParams) => {
    const document = await findDocument(await getDb(), await documentIdFrom(context));
    if (!document || document.status === "deleting")
      throw new AppError("not_found", "No document with that id.");
    const pages = await documentText(document);
    return Response.json(
      { document: { id: document.id, name: document.name, kind: document.kind }, pages },
      { headers: { "cache-control": "private, no-store" } },
    );
  },
);
