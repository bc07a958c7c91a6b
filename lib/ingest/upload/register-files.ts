import "server-only";
import { getEmbedder } from "@/lib/ai/embeddings";
import type { Database } from "@/lib/db/client";
import { findDocumentBySha, insertQueuedDocument, requeueFailedDocument } from "@/lib/db/documents";
import type { DocumentRow } from "@/lib/db/schema";
import { AppError, toAppError } from "@/lib/errors";
import type { OriginalStore } from "@/lib/originals/store";
import { chromaSuffixFor } from "@/lib/rag/chroma";
import { checkSignature } from "../extract/detect-kind";
import type { ReceivedFile } from "./receive-files";

export type FileOutcome =
  | { ok: true; document: DocumentRow; duplicate: boolean }
  | { ok: false; name: string; error: AppError };

/**
 * Registers one stored file as a queued document with its ingestion job. Identical content answers
 * the document that already has it (a failed one is queued again) and the new copy is dropped.
 */
export async function registerFile(
  file: ReceivedFile,
  { db, store, collectionId }: { db: Database; store: OriginalStore; collectionId: string },
): Promise<FileOutcome> {
  try {
    if (file.bytes === 0) throw new AppError("unprocessable", `"${file.name}" is empty.`);
    checkSignature({ name: file.name, kind: file.kind, head: file.head });
    const document = await insertQueuedDocument(db, {
      id: file.id,
      name: file.name,
      kind: file.kind,
      bytes: file.bytes,
      sha256: file.sha256,
      mimeType: file.mimeType,
      collectionId,
      chromaCollection: chromaSuffixFor(collectionId),
      embedder: getEmbedder().id,
    });
    if (document) return { ok: true, document, duplicate: false };
    await store.delete(file.id);
    const existing = await findDocumentBySha(db, { collectionId, sha256: file.sha256 });
    if (!existing)
      throw new AppError(
        "conflict",
        `"${file.name}" is being deleted right now; upload it again in a moment.`,
      );
    if (existing.status === "failed") {
      const requeued = await requeueFailedDocument(db, existing.id);
      if (requeued) return { ok: true, document: requeued, duplicate: false };
    }
    if (existing.status === "deleting") {
      throw new AppError(
        "conflict",
        `"${file.name}" is being deleted right now; upload it again in a moment.`,
      );
    }
    return { ok: true, document: existing, duplicate: true };
  } catch (error) {
    await store.delete(file.id).catch(() => {});
    return { ok: false, name: file.name, error: toAppError(error, "upload") };
  }
}
