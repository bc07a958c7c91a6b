import { Readable } from "node:stream";
import { ACCEPTED_TYPES } from "@/lib/config/constants";
import { getDb } from "@/lib/db/client";
import { findDocument } from "@/lib/db/documents";
import { AppError } from "@/lib/errors";
import { attachment, handleErrors } from "@/lib/http";
import { originalStore } from "@/lib/originals/store";
import { type DocumentParams, documentIdFrom } from "../../schema";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Streams a document's original file, as a download under its own name. */
export const GET = handleErrors(
  "GET /api/documents/[id]/file",
  async (_request: Request, context: DocumentParams) => {
    const document = await findDocument(await getDb(), await documentIdFrom(context));
    if (!document || document.status === "deleting")
      throw new AppError("not_found", "No document with that id.");
    const original = await originalStore().read(document.id);
    if (!original) {
      throw new AppError(
        "not_found",
        `The original of "${document.name}" is not kept: it was uploaded before originals were stored.`,
      );
    }
    // The stored type is the client's claim; the served one is the canonical type of the checked kind.
    return new Response(Readable.toWeb(original) as ReadableStream<Uint8Array>, {
      headers: {
        "content-type": ACCEPTED_TYPES[document.kind].mimeTypes[0],
        "content-length": String(document.bytes),
        "content-disposition": attachment(document.name),
        "x-content-type-options": "nosniff",
        "cache-control": "private, no-store",
      },
    });
  },
);
