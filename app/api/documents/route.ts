import { env } from "@/lib/config/env";
import { getDb } from "@/lib/db/client";
import { listDocuments } from "@/lib/db/documents";
import { AppError } from "@/lib/errors";
import { handleErrors } from "@/lib/http";
import { toDocumentJson } from "@/lib/ingest/document-json";
import {
  checkDeclaredSize,
  checkFileSizes,
  type FileOutcome,
  ingestUploadedFile,
  uploadProgressResponse,
  uploadResponse,
} from "@/lib/ingest/upload";
import { enforceRateLimit } from "@/lib/rate-limit";
import { MAX_FILES_PER_REQUEST, uploadSchema } from "./schema";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const maxDuration = 300;

export const GET = handleErrors("GET /api/documents", async () => {
  const documents = await listDocuments(await getDb());
  return Response.json({ documents: documents.map(toDocumentJson) });
});

/**
 * Indexes the uploaded files and answers once they are searchable. With `Accept: application/x-ndjson`
 * it streams one JSON line per progress step instead, ending with each file's document or error.
 */
export const POST = handleErrors("POST /api/documents", async (request: Request) => {
  await enforceRateLimit(request, { action: "upload", perMinute: env().RATE_LIMIT_UPLOADS_PER_MINUTE });
  const maxFileBytes = env().MAX_UPLOAD_MB * 1024 * 1024;
  checkDeclaredSize(request, { maxFileBytes, maxFiles: MAX_FILES_PER_REQUEST });
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new AppError(
      "bad_request",
      "Send the documents as multipart/form-data, one `file` field per document.",
    );
  }
  const parsed = uploadSchema.safeParse({ files: form.getAll("file") });
  if (!parsed.success) throw new AppError("bad_request", parsed.error.issues[0].message);
  const { files } = parsed.data;
  checkFileSizes(files, maxFileBytes);

  if (request.headers.get("accept")?.includes("application/x-ndjson"))
    return uploadProgressResponse(files, request.signal);
  const outcomes: FileOutcome[] = [];
  for (const file of files) outcomes.push(await ingestUploadedFile(file, { signal: request.signal }));
  return uploadResponse(outcomes);
});
