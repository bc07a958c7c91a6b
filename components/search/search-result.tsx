import { pageLabel } from "@/lib/chat/message-parts";
import { viewerHref } from "../viewer/viewer-url";
import type { SearchResult } from "./search-request";
import { snippet } from "./snippet";

export function SearchResultItem({ result, query }: { result: SearchResult; query: string }) {
  const pages = pageLabel(result);
  return (
    <li
      data-testid="search-result"
      data-document-id={result.documentId}
      className="rounded-lg border border-zinc-200 bg-white p-3 sm:p-4 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1 text-sm">
        <a
          data-testid="search-result-open"
          href={viewerHref({
            documentId: result.documentId,
            page: result.page,
            pageEnd: result.pageEnd,
            passage: result.text,
          })}
          title="Open the document at this passage"
          className="min-w-0 break-words font-medium hover:underline focus-visible:outline-2 focus-visible:outline-blue-600"
        >
          {result.documentName}
        </a>
        {pages && <span className="text-zinc-600 tabular-nums dark:text-zinc-400">{pages}</span>}
        {result.section && (
          <span
            data-testid="search-result-section"
            className="min-w-0 truncate text-xs text-zinc-500 dark:text-zinc-400"
          >
            {result.section}
          </span>
        )}
        <span
          className="ml-auto text-xs text-zinc-500 tabular-nums dark:text-zinc-400"
          title="Relevance score: higher is better"
        >
          score {result.score.toFixed(2)}
        </span>
      </div>
      <p className="mt-2 whitespace-pre-line break-words text-sm text-zinc-700 leading-relaxed dark:text-zinc-300">
        {snippet(result.text, query).map((part, n) =>
          part.match ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: parts are derived from fixed text and never reorder.
            <mark key={n} className="rounded-sm bg-amber-100 px-0.5 text-inherit dark:bg-amber-500/25">
              {part.text}
            </mark>
          ) : (
            // biome-ignore lint/suspicious/noArrayIndexKey: parts are derived from fixed text and never reorder.
            <span key={n}>{part.text}</span>
          ),
        )}
      </p>
    </li>
  );
}
