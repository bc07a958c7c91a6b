import { useCallback, useEffect, useRef, useState } from "react";
import type { DocumentJson } from "@/lib/ingest/document-json";
import { fetchJson } from "../fetch-json";
import { isPending } from "./indexing-progress";
import { mergeDocuments, newestFirst } from "./merge-documents";
import { usePolling } from "./use-polling";

/**
 * The document list, kept current while any document is queued or indexing: it polls
 * GET /api/documents about once a second until none is, also for documents queued by another tab
 * or before a reload. `onSettled` hears of the documents that became ready or failed in a poll.
 */
export function useLiveDocuments({
  initialDocuments,
  onSettled,
}: {
  initialDocuments: DocumentJson[];
  onSettled?: (settled: DocumentJson[]) => void;
}) {
  const [documents, setDocuments] = useState(initialDocuments);
  const latest = useRef(initialDocuments);
  // Local changes are numbered, so that a poll answer that set out before one does not undo it.
  const changeCount = useRef(0);
  const added = useRef(new Map<string, number>());
  const removed = useRef(new Map<string, number>());
  const latestOnSettled = useRef(onSettled);
  useEffect(() => {
    latestOnSettled.current = onSettled;
  }, [onSettled]);

  const commit = useCallback((next: DocumentJson[]) => {
    latest.current = next;
    setDocuments(next);
  }, []);

  /** Documents this page has just uploaded (or found already there), newest first. */
  const addDocuments = useCallback(
    (incoming: DocumentJson[]) => {
      if (incoming.length === 0) return;
      const change = ++changeCount.current;
      const byId = new Map(incoming.map((document) => [document.id, document]));
      for (const id of byId.keys()) {
        added.current.set(id, change);
        removed.current.delete(id);
      }
      const rest = latest.current.filter((document) => !byId.has(document.id));
      commit([...byId.values(), ...rest].sort(newestFirst));
    },
    [commit],
  );

  const removeDocument = useCallback(
    (id: string) => {
      const change = ++changeCount.current;
      removed.current.set(id, change);
      added.current.delete(id);
      commit(latest.current.filter((document) => document.id !== id));
    },
    [commit],
  );

  const poll = useCallback(
    async (signal: AbortSignal) => {
      const startedAt = changeCount.current;
      const outcome = await fetchJson<{ documents: DocumentJson[] }>("/api/documents", {
        cache: "no-store",
        signal,
        fallbackError: "Could not list the documents",
      });
      if (!outcome.ok || !Array.isArray(outcome.body.documents)) return true;
      const before = latest.current;
      const next = mergeDocuments({
        current: before,
        fresh: outcome.body.documents,
        addedSincePoll: (id) => (added.current.get(id) ?? -1) > startedAt,
        removedSincePoll: (id) => (removed.current.get(id) ?? -1) > startedAt,
      });
      // The answer has seen every change made before it set out.
      for (const changes of [added.current, removed.current]) {
        for (const [id, change] of changes) if (change <= startedAt) changes.delete(id);
      }
      if (next === before) return next.some(isPending);
      const wasPending = new Set(before.filter(isPending).map((document) => document.id));
      commit(next);
      const settled = next.filter((document) => wasPending.has(document.id) && !isPending(document));
      if (settled.length > 0) latestOnSettled.current?.(settled);
      return next.some(isPending);
    },
    [commit],
  );

  usePolling({ active: documents.some(isPending), poll });

  return { documents, addDocuments, removeDocument };
}
