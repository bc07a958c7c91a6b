import "server-only";
import { env } from "@/lib/config/env";
import { getDb } from "@/lib/db/client";
import { originalStore } from "@/lib/originals/store";
import { notifyIngestRunner } from "../runner";
import { receiveFiles } from "./receive-files";
import { type FileOutcome, registerFile } from "./register-files";
import { uploadResponse } from "./upload-response";

/** Files one request may carry. */
export const MAX_FILES_PER_REQUEST = 100;
/** A request may carry this many times MAX_UPLOAD_MB in all. */
const REQUEST_FILE_LIMITS = 4;

/**
 * Handles an upload: stores each file's original as it streams in, queues a document for each, and
 * answers as soon as they are stored; indexing runs in the background (lib/ingest/runner.ts).
 */
export async function handleUpload(
  request: Request,
  /** The collection the files go to, from the optional `collectionId` field; refusing throws. */
  toCollection: (requested: string | undefined) => Promise<string>,
): Promise<Response> {
  const { maxUploadBytes } = env();
  const store = originalStore();
  const {
    received,
    refused,
    collectionId: requested,
  } = await receiveFiles(request, {
    store,
    limits: {
      maxFileBytes: maxUploadBytes,
      maxRequestBytes: maxUploadBytes * REQUEST_FILE_LIMITS,
      maxFiles: MAX_FILES_PER_REQUEST,
    },
  });
  const db = await getDb();
  let collectionId: string;
  try {
    collectionId = await toCollection(requested);
  } catch (error) {
    await Promise.allSettled(received.map((file) => store.delete(file.id)));
    throw error;
  }
  const outcomes: (FileOutcome & { order: number })[] = [];
  // Registered in the order the files were sent, so their jobs run in that order.
  received.sort((a, b) => a.order - b.order);
  for (const file of received)
    outcomes.push({ order: file.order, ...(await registerFile(file, { db, store, collectionId })) });
  for (const { order, name, error } of refused) outcomes.push({ order, ok: false, name, error });
  // Answers list the files in the order they were sent.
  outcomes.sort((a, b) => a.order - b.order);
  if (outcomes.length === 0) {
    return Response.json(
      { error: "Attach at least one document in a `file` field.", code: "bad_request" },
      { status: 400 },
    );
  }
  if (outcomes.some((outcome) => outcome.ok && !outcome.duplicate)) notifyIngestRunner();
  return uploadResponse(outcomes);
}
