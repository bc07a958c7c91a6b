import { requirePerson } from "@/lib/auth/person";
import { getDb } from "@/lib/db/client";
import { handleErrors } from "@/lib/http";
import { documentText } from "@/lib/viewer/document-text";
import { type DocumentParams, documentFrom } from "../../schema";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The text of a document that is not a PDF, page by page (slides for PPTX, sheets' tables for XLSX). */
export const GET = handleErrors(
  "GET /api/documents/[id]/text",
  async (request: Request, context: DocumentParams) => {
    const document = await documentFrom(await getDb(), context, await requirePerson(request));
    const pages = await documentText(document);
    return Response.json(
      { document: { id: document.id, name: document.name, kind: document.kind }, pages },
      { headers: { "cache-control": "private, no-store" } },
    );
  },
);
