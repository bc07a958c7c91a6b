"use client";

import type { DataUIPart } from "ai";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ChatDataParts, SummaryProgress } from "@/lib/chat/types";

/** Typed in the question field, summarises the documents in scope (all of them when none is chosen). */
export const SUMMARIZE_COMMAND = /^\/(summari[sz]e)\b\s*$/i;

type Send = (message: { text: string }, options: { body: object }) => unknown;

/**
 * Summaries in the chat: `/summarize` in the question field, or `?summarize=<ids>` from the
 * documents page and the viewer. The request carries `task: "summarize"`; how far the map step
 * has read arrives as transient `progress` parts (`onData`).
 */
export function useSummary({
  documents,
  summarize,
  send,
}: {
  documents: { id: string; name: string }[];
  summarize?: string[];
  send: Send;
}) {
  const [progress, setProgress] = useState<SummaryProgress | null>(null);

  const summarise = useCallback(
    (documentIds: string[] | undefined) => {
      const named = documentIds
        ?.map((id) => documents.find((document) => document.id === id)?.name)
        .filter(Boolean);
      const what = named && named.length > 0 ? named.join(", ") : "all my documents";
      setProgress(null);
      send({ text: `Summarise ${what}` }, { body: { task: "summarize", documentIds } });
    },
    [documents, send],
  );

  // Once, as the chat opens from a "Summarise" link.
  const started = useRef(false);
  useEffect(() => {
    if (started.current || !summarize?.length) return;
    started.current = true;
    summarise(summarize);
  }, [summarize, summarise]);

  const onData = useCallback((part: DataUIPart<ChatDataParts>) => {
    if (part.type === "data-progress") setProgress(part.data);
  }, []);

  return { progress, summarise, onData, clearProgress: () => setProgress(null) };
}
