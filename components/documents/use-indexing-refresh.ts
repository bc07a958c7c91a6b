import { type Dispatch, type SetStateAction, useEffect } from "react";
import type { DocumentJson } from "@/lib/ingest/document-json";

const REFRESH_MS = 3000;

/**
 * Documents listed as "indexing" are being uploaded elsewhere (another tab) or were cut off; poll
 * until each one is ready or gone, so that its row does not stay stale until a reload.
 */
export function useIndexingRefresh(
  documents: DocumentJson[],
  setDocuments: Dispatch<SetStateAction<DocumentJson[]>>,
) {
  const indexing = documents.some((document) => document.status === "indexing");

  useEffect(() => {
    if (!indexing) return;
    const timer = setInterval(async () => {
      const response = await fetch("/api/documents", { cache: "no-store" }).catch(() => null);
      if (!response?.ok) return;
      const body = (await response.json().catch(() => null)) as { documents?: DocumentJson[] } | null;
      if (!body?.documents) return;
      const fresh = new Map(body.documents.map((document) => [document.id, document]));
      // Only the indexing rows are replaced: rows added by this page's uploads meanwhile must stay.
      setDocuments((current) =>
        current.flatMap((document) => {
          if (document.status !== "indexing") return [document];
          const update = fresh.get(document.id);
          return update ? [update] : [];
        }),
      );
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [indexing, setDocuments]);
}
