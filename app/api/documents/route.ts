import { readableCollectionIds, uploadCollection } from "@/lib/auth/access";
import { guardRequest } from "@/lib/auth/guard";
import { requirePerson } from "@/lib/auth/person";
import { env } from "@/lib/config/env";
import { getDb } from "@/lib/db/client";
import { listDocuments } from "@/lib/db/documents";
import { AppError } from "@/lib/errors";
import { handleErrors } from "@/lib/http";
import { toDocumentJson } from "@/lib/ingest/document-json";
import { handleUpload } from "@/lib/ingest/upload";
import { enforceRateLimit } from "@/lib/rate-limit";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
// Uploads answer once their files are stored; indexing runs in the background.
export const maxDuration = 300;

// This path is left out of the proxy (it would cut upload bodies at 10 MB), so it guards itself.

export const GET = handleErrors("GET /api/documents", async (request: Request) => {
  await guardRequest(request);
  const person = await requirePerson(request);
  const db = await getDb();
  const documents = await listDocuments(db, await readableCollectionIds(db, person));
  return Response.json({ documents: documents.map(toDocumentJson) });
});

/**
 * Stores the uploaded files (multipart/form-data, one `file` field per document, and an optional
 * `collectionId`: by default the person's private collection) and answers 202 with
 * each document "queued"; GET /api/documents/{id} follows its indexing.
 */
export const POST = handleErrors("POST /api/documents", async (request: Request) => {
  await guardRequest(request);
  const person = await requirePerson(request);
  await enforceRateLimit(request, { action: "upload", perMinute: env().RATE_LIMIT_UPLOADS_PER_MINUTE });
  const db = await getDb();
  try {
    return await handleUpload(request, (requested) => uploadCollection(db, person, requested));
  } catch (error) {
    if (!(error instanceof AppError) || error.status !== 413) throw error;
    // The rest of the body was not read: the connection cannot carry another request.
    const response = error.toResponse();
    response.headers.set("connection", "close");
    return response;
  }
});
