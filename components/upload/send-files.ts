import type { DocumentJson } from "@/lib/ingest/document-json";
import { errorMessage, parseJson, UNREACHABLE } from "../fetch-json";

/** What became of one file of a request: stored and queued (or already there), or refused. */
export type SentFile =
  | { ok: true; document: DocumentJson; duplicate: boolean }
  | { ok: false; error: string };

export type SendOutcome = { cancelled: true } | { cancelled: false; files: SentFile[] };

/** POST /api/documents answers each file in the order sent: a document, or the reason it was refused. */
type UploadAnswer = {
  error?: string;
  documents?: ((DocumentJson & { duplicate: boolean }) | { name: string; status: "failed"; error: string })[];
};

function outcomes(files: File[], status: number, body: unknown): SentFile[] {
  const answer = (body ?? {}) as UploadAnswer;
  // Without a per-file answer the whole request was refused (too large, rate-limited, signed out).
  const requestError = errorMessage({ status, body, fallback: "The server refused the upload" });
  return files.map((_file, index) => {
    const entry = answer.documents?.[index];
    if (!entry) return { ok: false, error: requestError };
    if (!("id" in entry)) return { ok: false, error: entry.error };
    const { duplicate, ...document } = entry;
    return { ok: true, document, duplicate };
  });
}

/** Bytes of each file sent so far, estimated from the request's: multipart sends them in order. */
function sentPerFile(files: File[], loaded: number, total: number): number[] {
  const fileBytes = files.reduce((sum, file) => sum + file.size, 0);
  let sent = total > 0 ? (loaded * fileBytes) / total : 0;
  return files.map((file) => {
    const part = Math.max(0, Math.min(file.size, sent));
    sent -= file.size;
    return part;
  });
}

/**
 * Uploads files in one multipart request. XMLHttpRequest rather than fetch because only it reports
 * upload progress. The answer comes once the files are stored; indexing follows in the background.
 */
export function sendFiles(
  files: File[],
  { onProgress, collectionId }: { onProgress: (sentBytes: number[]) => void; collectionId?: string },
): { done: Promise<SendOutcome>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<SendOutcome>((resolve) => {
    xhr.upload.onprogress = (event) => onProgress(sentPerFile(files, event.loaded, event.total));
    xhr.onload = () =>
      resolve({ cancelled: false, files: outcomes(files, xhr.status, parseJson(xhr.responseText)) });
    xhr.onerror = () =>
      resolve({ cancelled: false, files: files.map(() => ({ ok: false, error: UNREACHABLE })) });
    xhr.onabort = () => resolve({ cancelled: true });

    const form = new FormData();
    if (collectionId) form.append("collectionId", collectionId);
    for (const file of files) form.append("file", file);
    xhr.open("POST", "/api/documents");
    xhr.setRequestHeader("Accept", "application/json");
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}
