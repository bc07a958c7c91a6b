import { AppError } from "@/lib/errors";
import { handleErrors } from "@/lib/http";
import { deleteDocument } from "@/lib/ingest/delete-document";
import { documentIdSchema } from "../schema";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const DELETE = handleErrors(
  "DELETE /api/documents/[id]",
  async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
    const parsed = documentIdSchema.safeParse((await params).id);
    if (!parsed.success) throw new AppError("not_found", "No document with that id.");
    await deleteDocument(parsed.data);
    return Response.json({ deleted: parsed.data });
  },
);
