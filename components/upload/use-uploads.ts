import { useCallback, useEffect, useRef, useState } from "react";
import type { DocumentJson } from "@/lib/ingest/document-json";
import type { IngestProgress } from "@/lib/ingest/progress";
import { refusalReason } from "./check-file";
import { type UploadOutcome, uploadDocument } from "./upload-document";

/** Files sent at the same time; the rest wait their turn. */
const MAX_PARALLEL_UPLOADS = 2;

export type UploadStatus = "queued" | "uploading" | "extracting" | "embedding" | "done" | "error";

export type Upload = {
  id: string;
  name: string;
  bytes: number;
  status: UploadStatus;
  uploadedBytes: number;
  stage: IngestProgress["stage"] | null;
  pagesDone: number;
  pageCount: number | null;
  chunksDone: number;
  chunksTotal: number | null;
  duplicate: boolean;
  error: string | null;
};

type UploadsOptions = {
  maxUploadMb: number;
  onDocument: (document: DocumentJson, duplicate: boolean) => void;
  onSettled: (upload: Upload) => void;
};

function newUpload(id: string, file: File): Upload {
  return {
    id,
    name: file.name,
    bytes: file.size,
    status: "queued",
    uploadedBytes: 0,
    stage: null,
    pagesDone: 0,
    pageCount: null,
    chunksDone: 0,
    chunksTotal: null,
    duplicate: false,
    error: null,
  };
}

function settledState(outcome: UploadOutcome): Partial<Upload> {
  if (!outcome.ok) return { status: "error", error: outcome.error };
  const { document, duplicate } = outcome;
  return {
    status: "done",
    duplicate,
    stage: null,
    pagesDone: document.pages ?? 0,
    pageCount: document.pages,
    chunksDone: document.chunks,
    chunksTotal: document.chunks,
  };
}

function phaseOf({ stage }: IngestProgress): "extracting" | "embedding" {
  return stage === "extracting" ? "extracting" : "embedding";
}

/** Uploads files one request each, at most two at once, and tracks each file's progress and outcome. */
export function useUploads({ maxUploadMb, onDocument, onSettled }: UploadsOptions) {
  const [uploads, setUploads] = useState<Upload[]>([]);
  const queue = useRef<{ id: string; file: File }[]>([]);
  const running = useRef(new Map<string, () => void>());
  const nextId = useRef(0);
  // The XHR callbacks outlive renders; they read the latest callbacks through this ref.
  const callbacks = useRef({ onDocument, onSettled });
  useEffect(() => {
    callbacks.current = { onDocument, onSettled };
  }, [onDocument, onSettled]);

  const update = useCallback((id: string, change: Partial<Upload>) => {
    setUploads((current) => current.map((upload) => (upload.id === id ? { ...upload, ...change } : upload)));
  }, []);

  const settle = useCallback(
    (upload: Upload, change: Partial<Upload>) => {
      update(upload.id, change);
      callbacks.current.onSettled({ ...upload, ...change });
    },
    [update],
  );

  const startNext = useCallback(() => {
    while (running.current.size < MAX_PARALLEL_UPLOADS && queue.current.length > 0) {
      const { id, file } = queue.current.shift() as { id: string; file: File };
      update(id, { status: "uploading" });
      const { done, abort } = uploadDocument(file, {
        onUploadProgress: (uploadedBytes) => update(id, { uploadedBytes }),
        onUploaded: () => update(id, { status: "extracting", uploadedBytes: file.size }),
        onProgress: (progress) => update(id, { ...progress, status: phaseOf(progress) }),
      });
      running.current.set(id, abort);
      done.then((outcome) => {
        running.current.delete(id);
        if (outcome.ok) callbacks.current.onDocument(outcome.document, outcome.duplicate);
        settle(newUpload(id, file), settledState(outcome));
        startNext();
      });
    }
  }, [update, settle]);

  const addFiles = useCallback(
    (files: File[]) => {
      const added = files.map((file) => newUpload(`upload-${nextId.current++}`, file));
      setUploads((current) => [...current, ...added]);
      files.forEach((file, n) => {
        const reason = refusalReason(file, maxUploadMb);
        if (reason) settle(added[n], { status: "error", error: reason });
        else queue.current.push({ id: added[n].id, file });
      });
      startNext();
    },
    [maxUploadMb, settle, startNext],
  );

  const cancel = useCallback((id: string) => {
    const waiting = queue.current.findIndex((entry) => entry.id === id);
    if (waiting !== -1) {
      queue.current.splice(waiting, 1);
      setUploads((current) => current.filter((upload) => upload.id !== id));
    }
    running.current.get(id)?.();
  }, []);

  const dismiss = useCallback((id: string) => {
    setUploads((current) => current.filter((upload) => upload.id !== id));
  }, []);

  const clearFinished = useCallback(() => {
    setUploads((current) =>
      current.filter((upload) => upload.status !== "done" && upload.status !== "error"),
    );
  }, []);

  // Leaving the page stops the uploads; the server then drops the half-indexed documents.
  useEffect(() => {
    const runningUploads = running.current;
    return () => {
      queue.current = [];
      for (const abort of runningUploads.values()) abort();
    };
  }, []);

  return { uploads, addFiles, cancel, dismiss, clearFinished };
}
