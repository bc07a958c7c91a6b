import { useCallback, useEffect, useRef, useState } from "react";
import type { DocumentJson } from "@/lib/ingest/document-json";
import { refusalReason } from "./check-file";
import { nextBatchSize } from "./next-batch";
import { sendFiles } from "./send-files";

/** Requests in flight at once; the rest of the files wait their turn. */
const MAX_PARALLEL_REQUESTS = 2;

/**
 * A file on its way to the server. Once stored it is handed to the document list and its upload
 * disappears, unless it was already there ("duplicate") or was refused ("failed").
 */
export type UploadStatus = "waiting" | "uploading" | "duplicate" | "failed";

export type Upload = {
  id: string;
  name: string;
  bytes: number;
  status: UploadStatus;
  sentBytes: number;
  error: string | null;
};

/** The outcome of one request (or of the files refused before sending): reported once per batch. */
export type BatchResult = {
  accepted: { document: DocumentJson; duplicate: boolean }[];
  refused: { name: string; error: string }[];
};

/** A file waiting to be sent, and the collection it goes to (undefined: the person's private one). */
type Waiting = { id: string; file: File; collectionId?: string };
type Running = { entries: Waiting[]; abort: () => void };

/** Changes to many uploads applied in one state update; null removes the upload. */
type Changes = Map<string, Partial<Upload> | null>;

function applyChanges(uploads: Upload[], changes: Changes): Upload[] {
  const next: Upload[] = [];
  for (const upload of uploads) {
    if (!changes.has(upload.id)) next.push(upload);
    else {
      const change = changes.get(upload.id);
      if (change) next.push({ ...upload, ...change });
    }
  }
  return next;
}

/**
 * Uploads files in batches (several small files per request, a big one alone), at most two requests
 * at once, and tracks the bytes sent. State changes come a batch at a time and byte progress once
 * per animation frame, so that 200 files at once do not re-render the page per file and event.
 */
export function useUploads({
  maxUploadMb,
  onBatch,
  collectionId,
}: {
  maxUploadMb: number;
  onBatch: (result: BatchResult) => void;
  /** Where files added from now on go. */
  collectionId?: string;
}) {
  const latestCollection = useRef(collectionId);
  useEffect(() => {
    latestCollection.current = collectionId;
  }, [collectionId]);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const waiting = useRef<Waiting[]>([]);
  const running = useRef(new Map<number, Running>());
  const nextId = useRef(0);
  const pendingProgress = useRef(new Map<string, number>());
  const progressFrame = useRef<number | null>(null);
  // The request callbacks outlive renders; they read the latest callback through this ref.
  const latestOnBatch = useRef(onBatch);
  useEffect(() => {
    latestOnBatch.current = onBatch;
  }, [onBatch]);

  const change = useCallback((changes: Changes) => {
    if (changes.size > 0) setUploads((current) => applyChanges(current, changes));
  }, []);

  const reportProgress = useCallback(
    (ids: string[], sentBytes: number[]) => {
      ids.forEach((id, index) => {
        pendingProgress.current.set(id, sentBytes[index]);
      });
      if (progressFrame.current !== null) return;
      progressFrame.current = requestAnimationFrame(() => {
        progressFrame.current = null;
        const changes: Changes = new Map();
        for (const [id, sent] of pendingProgress.current) changes.set(id, { sentBytes: sent });
        pendingProgress.current.clear();
        change(changes);
      });
    },
    [change],
  );

  const startNext = useCallback(() => {
    while (running.current.size < MAX_PARALLEL_REQUESTS && waiting.current.length > 0) {
      // One request carries files for one collection.
      const target = waiting.current[0].collectionId;
      const sameTarget = waiting.current.findIndex((entry) => entry.collectionId !== target);
      const count = nextBatchSize(
        waiting.current.slice(0, sameTarget === -1 ? undefined : sameTarget).map(({ file }) => file),
        maxUploadMb * 1024 * 1024,
      );
      const entries = waiting.current.splice(0, count);
      const ids = entries.map((entry) => entry.id);
      const key = nextId.current++;
      change(new Map(ids.map((id) => [id, { status: "uploading" }])));
      const { done, abort } = sendFiles(
        entries.map((entry) => entry.file),
        { onProgress: (sentBytes) => reportProgress(ids, sentBytes), collectionId: target },
      );
      running.current.set(key, { entries, abort });
      done.then((outcome) => {
        // A cancelled request was already dealt with by `cancel`.
        if (outcome.cancelled || !running.current.delete(key)) return;
        const changes: Changes = new Map();
        const result: BatchResult = { accepted: [], refused: [] };
        outcome.files.forEach((file, index) => {
          const { id, file: sent } = entries[index];
          pendingProgress.current.delete(id);
          if (!file.ok) {
            changes.set(id, { status: "failed", error: file.error });
            result.refused.push({ name: sent.name, error: file.error });
            return;
          }
          changes.set(id, file.duplicate ? { status: "duplicate", sentBytes: sent.size } : null);
          result.accepted.push({ document: file.document, duplicate: file.duplicate });
        });
        change(changes);
        latestOnBatch.current(result);
        startNext();
      });
    }
  }, [maxUploadMb, change, reportProgress]);

  const addFiles = useCallback(
    (files: File[]) => {
      const added: Upload[] = [];
      const refused: BatchResult["refused"] = [];
      for (const file of files) {
        const id = `upload-${nextId.current++}`;
        const error = refusalReason(file, maxUploadMb);
        added.push({
          id,
          name: file.name,
          bytes: file.size,
          status: error ? "failed" : "waiting",
          sentBytes: 0,
          error,
        });
        if (error) refused.push({ name: file.name, error });
        else waiting.current.push({ id, file, collectionId: latestCollection.current });
      }
      setUploads((current) => [...current, ...added]);
      if (refused.length > 0) latestOnBatch.current({ accepted: [], refused });
      startNext();
    },
    [maxUploadMb, startNext],
  );

  /** Drops a file that is not sent yet; one being sent stops its request, whose other files go again. */
  const cancel = useCallback(
    (id: string) => {
      const changes: Changes = new Map([[id, null]]);
      const index = waiting.current.findIndex((entry) => entry.id === id);
      if (index !== -1) waiting.current.splice(index, 1);
      for (const [key, { entries, abort }] of running.current) {
        if (!entries.some((entry) => entry.id === id)) continue;
        running.current.delete(key);
        const others = entries.filter((entry) => entry.id !== id);
        waiting.current.unshift(...others);
        for (const other of others) changes.set(other.id, { status: "waiting", sentBytes: 0 });
        abort();
      }
      change(changes);
      startNext();
    },
    [change, startNext],
  );

  const dismiss = useCallback((id: string) => change(new Map([[id, null]])), [change]);

  const clearFinished = useCallback(() => {
    setUploads((current) =>
      current.filter((upload) => upload.status === "waiting" || upload.status === "uploading"),
    );
  }, []);

  // Leaving the page stops the uploads; the server keeps nothing of an interrupted request.
  useEffect(() => {
    const runningRequests = running.current;
    return () => {
      waiting.current = [];
      for (const { abort } of runningRequests.values()) abort();
      runningRequests.clear();
      if (progressFrame.current !== null) cancelAnimationFrame(progressFrame.current);
    };
  }, []);

  return { uploads, addFiles, cancel, dismiss, clearFinished };
}
