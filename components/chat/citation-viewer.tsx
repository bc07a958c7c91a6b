"use client";

import { useMemo } from "react";
import type { CitationDetails } from "@/lib/chat/types";
import { DocumentViewer } from "../viewer/document-viewer";
import { hasTable, PassageText } from "./passage-text";

/** A citation opened beside the answer: its document at the cited page, the passage highlighted on it. */
export function CitationViewer({ citation, onClose }: { citation: CitationDetails; onClose: () => void }) {
  const target = useMemo(
    () => ({
      documentId: citation.documentId,
      page: citation.page,
      pageEnd: citation.pageEnd,
      passage: citation.text,
    }),
    [citation],
  );
  return (
    <DocumentViewer target={target} layout="panel" title={`Passage [${citation.citation}]`} onClose={onClose}>
      {/* Open when the passage is a table: shown as one, rows and cells, where the document's text is Markdown. */}
      <details
        open={hasTable(citation.text)}
        className="border-zinc-200 border-b text-sm dark:border-zinc-800"
      >
        <summary className="cursor-pointer select-none px-4 py-1.5 text-xs font-medium text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">
          The passage as indexed
        </summary>
        <div className="max-h-48 overflow-y-auto px-4 pb-3">
          <PassageText text={citation.text} />
        </div>
      </details>
    </DocumentViewer>
  );
}
