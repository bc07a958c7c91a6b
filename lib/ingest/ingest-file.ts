import "server-only";
import { getDb } from "@/lib/db/client";
import { findDocument } from "@/lib/db/documents";
import { type DocumentRow, LOCAL_COLLECTION } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { type DocumentJson, toDocumentJson } from "./document-json";
import { startIngestRunner } from "./runner";
import { handleUpload } from "./upload";
import type { UploadedDocumentJson } from "./upload/upload-response";

/**
 * Uploads files through the same handler as POST /api/documents, in-process (for scripts: the eval,
 * the bench, tests). Returns the handler's response body and status.
 */
export async function uploadFiles(
  files: File[],
  collectionId: string = LOCAL_COLLECTION,
): Promise<{ status: number; documents: UploadedDocumentJson[] }> {
  const form = new FormData();
  for (const file of files) form.append("file", file);
  const response = await handleUpload(
    new Request("http://localhost/api/documents", { method: "POST", body: form }),
    async () => collectionId,
  );
  const body = (await response.json()) as { documents?: UploadedDocumentJson[]; error?: string };
  return { status: response.status, documents: body.documents ?? [] };
}

/** Resolves with the document once this process's runner has made it ready or failed (or it is gone). */
export async function settledDocument(id: string): Promise<DocumentRow | undefined> {
  const runner = startIngestRunner();
  const db = await getDb();
  return new Promise((resolve, reject) => {
    const check = () =>
      findDocument(db, id).then((row) => {
        if (row && (row.status === "queued" || row.status === "indexing")) return;
        runner.events.off("settled", onSettled);
        resolve(row);
      }, reject);
    const onSettled = (settledId: string) => {
      if (settledId === id) check();
    };
    // Subscribed before the first look, so a job that settles in between is not missed.
    runner.events.on("settled", onSettled);
    check();
  });
}

/** Uploads one file and waits until it is indexed; a file that cannot be indexed throws its reason. */
export async function ingestFile(file: File): Promise<{ document: DocumentJson; duplicate: boolean }> {
  const { status, documents } = await uploadFiles([file]);
  const [uploaded] = documents;
  if (!uploaded || !("id" in uploaded)) {
    throw new AppError(
      status === 413 ? "payload_too_large" : "unprocessable",
      uploaded?.error ?? "The upload was refused.",
    );
  }
  const settled = await settledDocument(uploaded.id);
  if (!settled) throw new AppError("not_found", `"${file.name}" was deleted while it was indexed.`);
  if (settled.status !== "ready")
    throw new AppError("unprocessable", settled.error ?? `"${file.name}" could not be indexed.`);
  return { document: toDocumentJson(settled), duplicate: uploaded.duplicate };
}
