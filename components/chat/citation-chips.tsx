import { pageLabel } from "@/lib/chat/message-parts";
import type { CitationDetails } from "@/lib/chat/types";
import { DocumentIcon } from "../icons";

function citationLabel(citation: CitationDetails): string {
  const page = pageLabel(citation);
  return `Passage ${citation.citation}: ${citation.documentName}${page ? `, ${page}` : ""}`;
}

/** An inline [n] in the answer text that opens passage n. */
export function CitationMarker({
  citation,
  onOpen,
}: {
  citation: CitationDetails;
  onOpen: (citation: CitationDetails) => void;
}) {
  return (
    <button
      type="button"
      data-testid="citation-marker"
      data-citation={citation.citation}
      aria-label={citationLabel(citation)}
      title={citationLabel(citation)}
      onClick={() => onOpen(citation)}
      className="mx-px rounded px-0.5 align-super font-medium text-[0.7rem] text-blue-700 leading-none hover:bg-blue-50 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-blue-400 dark:hover:bg-blue-950/50"
    >
      [{citation.citation}]
    </button>
  );
}

/** The answer's sources as chips, "[1] flex-manual.pdf · p. 71"; each opens its passage. */
export function CitationChips({
  citations,
  onOpen,
}: {
  citations: CitationDetails[];
  onOpen: (citation: CitationDetails) => void;
}) {
  if (citations.length === 0) return null;
  return (
    <div className="mt-3">
      <p aria-hidden="true" className="mb-1.5 font-medium text-xs text-zinc-500 dark:text-zinc-400">
        Sources
      </p>
      <ul aria-label="Sources" className="flex flex-wrap gap-1.5">
        {citations.map((citation) => {
          const page = pageLabel(citation);
          return (
            <li key={citation.citation} className="min-w-0 max-w-full">
              <button
                type="button"
                data-testid="citation"
                data-citation={citation.citation}
                data-document-id={citation.documentId}
                aria-label={`Show ${citationLabel(citation)}`}
                aria-haspopup="dialog"
                onClick={() => onOpen(citation)}
                className="flex max-w-full items-center gap-1.5 rounded-full border border-zinc-200 bg-white px-2.5 py-1 text-xs text-zinc-700 shadow-xs hover:border-blue-300 hover:bg-blue-50 focus-visible:outline-2 focus-visible:outline-blue-600 focus-visible:outline-offset-1 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300 dark:hover:border-blue-500/50 dark:hover:bg-blue-950/40"
              >
                <span className="font-semibold text-blue-700 tabular-nums dark:text-blue-400">
                  [{citation.citation}]
                </span>
                <DocumentIcon className="size-3.5 shrink-0 text-zinc-400 dark:text-zinc-500" />
                <span className="truncate">{citation.documentName}</span>
                {page && <span className="shrink-0 text-zinc-500 dark:text-zinc-400">· {page}</span>}
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
