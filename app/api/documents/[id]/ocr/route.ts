import { z } from "zod";
import { requirePerson } from "@/lib/auth/person";
import { getDb } from "@/lib/db/client";
import { findOcrWords } from "@/lib/db/documents";
import { AppError } from "@/lib/errors";
import { handleErrors } from "@/lib/http";
import { type DocumentParams, documentFrom } from "../../schema";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const querySchema = z.object({ page: z.coerce.number().int().min(1, "Pages are numbered from 1.") });

/** The words OCR read on a scanned page, each with its box as fractions of the page. */
export const GET = handleErrors(
  "GET /api/documents/[id]/ocr",
  async (request: Request, context: DocumentParams) => {
    const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success) throw new AppError("bad_request", "Say which page: ?page=N, from 1.");
    const db = await getDb();
    const document = await documentFrom(db, context, await requirePerson(request));
    const words = await findOcrWords(db, document.id, query.data.page);
    if (!words)
      throw new AppError("not_found", `Page ${query.data.page} of "${document.name}" was not read by OCR.`);
    return Response.json(
      { page: query.data.page, words },
      { headers: { "cache-control": "private, no-store" } },
    );
  },
);
