import { useId } from "react";
import { pagesTitle } from "@/lib/chat/message-parts";
import type { CitationDetails } from "@/lib/chat/types";
import { CloseIcon, DocumentIcon } from "../icons";
import { ModalDialog } from "./modal-dialog";
import { PassageText } from "./passage-text";

const pagesText = (citation: CitationDetails) => pagesTitle(citation) || "No page numbers in this document";

/**
 * The passage behind a citation, as text alone: its document, page(s) and full text, highlighted. Where
 * the original must not be reached (a share page) and in the compare view; the chat opens the viewer.
 */
export function CitationPanel({ citation, onClose }: { citation: CitationDetails; onClose: () => void }) {
  const titleId = useId();
  return (
    <ModalDialog
      testId="citation-panel"
      labelledBy={titleId}
      onClose={onClose}
      className="max-w-2xl flex-col open:flex"
    >
      <div className="flex items-start gap-3 border-zinc-200 border-b px-4 py-3 sm:px-5 dark:border-zinc-800">
        <DocumentIcon className="mt-0.5 size-5 shrink-0 text-zinc-400 dark:text-zinc-500" />
        <div className="min-w-0 flex-1">
          <h2 id={titleId} className="font-semibold text-base">
            Passage [{citation.citation}]
          </h2>
          <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">
            <span
              data-testid="citation-document"
              className="break-words font-medium text-zinc-800 dark:text-zinc-200"
            >
              {citation.documentName}
            </span>
            <span aria-hidden="true"> · </span>
            <span data-testid="citation-page">{pagesText(citation)}</span>
          </p>
        </div>
        <button
          type="button"
          data-testid="citation-close"
          onClick={onClose}
          aria-label="Close passage"
          title="Close"
          className="-m-1 size-8 shrink-0 rounded-md p-1.5 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
        >
          <CloseIcon className="size-5" />
        </button>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto px-4 py-4 text-sm sm:px-5">
        <PassageText text={citation.text} highlighted />
      </div>
    </ModalDialog>
  );
}
