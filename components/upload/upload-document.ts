import type { DocumentJson } from "@/lib/ingest/document-json";
import type { IngestProgress, UploadEvent } from "@/lib/ingest/progress";

export type UploadOutcome =
  | { ok: true; document: DocumentJson; duplicate: boolean }
  | { ok: false; error: string; cancelled?: boolean };

type UploadCallbacks = {
  onUploadProgress: (loadedBytes: number) => void;
  /** The body has been sent; the server is reading and indexing it. */
  onUploaded: () => void;
  onProgress: (progress: IngestProgress) => void;
};

function requestError(xhr: XMLHttpRequest): string {
  try {
    const body = JSON.parse(xhr.responseText) as { error?: unknown };
    if (typeof body.error === "string") return body.error;
  } catch {
    // Not JSON: a proxy's error page, for example. Fall through to the status.
  }
  return `The server refused the upload (HTTP ${xhr.status}).`;
}

/**
 * Uploads one file and follows its indexing. XMLHttpRequest rather than fetch because only it
 * reports upload progress; the response's NDJSON lines are read as they arrive from responseText.
 */
export function uploadDocument(
  file: File,
  { onUploadProgress, onUploaded, onProgress }: UploadCallbacks,
): { done: Promise<UploadOutcome>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  let readUpTo = 0;
  let outcome: UploadOutcome | undefined;

  const readEvents = () => {
    if (xhr.status !== 200) return;
    const text = xhr.responseText;
    let newline = text.indexOf("\n", readUpTo);
    while (newline !== -1) {
      const line = text.slice(readUpTo, newline).trim();
      if (line) handleEvent(JSON.parse(line) as UploadEvent);
      readUpTo = newline + 1;
      newline = text.indexOf("\n", readUpTo);
    }
  };

  const handleEvent = (event: UploadEvent) => {
    if (event.type === "progress") {
      const { stage, pagesDone, pageCount, chunksDone, chunksTotal } = event;
      onProgress({ stage, pagesDone, pageCount, chunksDone, chunksTotal });
    } else if (event.type === "document") {
      outcome = { ok: true, document: event.document, duplicate: event.duplicate };
    } else if (event.type === "error") {
      outcome = { ok: false, error: event.error };
    }
  };

  const done = new Promise<UploadOutcome>((resolve) => {
    xhr.upload.onprogress = (event) => onUploadProgress(event.loaded);
    xhr.upload.onload = () => onUploaded();
    xhr.onprogress = () => {
      try {
        readEvents();
      } catch {
        // An unreadable line stays unread, so the final read on load meets it again and reports it.
      }
    };
    xhr.onload = () => {
      if (xhr.status !== 200) {
        resolve({ ok: false, error: requestError(xhr) });
        return;
      }
      try {
        readEvents();
      } catch {
        resolve({ ok: false, error: "The server sent a response this page cannot read. Try again." });
        return;
      }
      resolve(outcome ?? { ok: false, error: "The server stopped before this file was indexed. Try again." });
    };
    xhr.onerror = () =>
      resolve({ ok: false, error: "Could not reach the server. Check the connection and try again." });
    xhr.onabort = () => resolve({ ok: false, error: "Upload cancelled.", cancelled: true });

    const form = new FormData();
    form.append("file", file);
    xhr.open("POST", "/api/documents");
    xhr.setRequestHeader("Accept", "application/x-ndjson");
    xhr.send(form);
  });

  return { done, abort: () => xhr.abort() };
}
