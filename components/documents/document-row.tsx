import { memo, type ReactNode } from "react";
import type { DocumentJson } from "@/lib/ingest/document-json";
import { formatBytes } from "../format";
import { DocumentIcon } from "../icons";
import { LocalDate } from "../local-date";
import { DocumentActions, type Removal } from "./document-actions";
import { DocumentFailure, DocumentState } from "./document-state";
import { isPending } from "./indexing-progress";

/** Shared with the list's column headings so that both line up on wider screens. */
export const DOCUMENT_COLUMNS = "sm:grid-cols-[minmax(0,1fr)_3.5rem_4rem_5rem_11.5rem_8.5rem]";

function Field({ label, testId, children }: { label: string; testId: string; children: ReactNode }) {
  return (
    <div className="flex gap-1.5 sm:contents">
      <dt className="text-zinc-500 sm:sr-only dark:text-zinc-400">{label}</dt>
      <dd data-testid={testId} className="text-sm tabular-nums sm:whitespace-nowrap sm:text-right">
        {children}
      </dd>
    </div>
  );
}

/**
 * One document with its state. Memoised: the list is polled every second while anything indexes,
 * and only the rows whose document changed should render again.
 */
export const DocumentRow = memo(function DocumentRow({
  document,
  onRemoved,
}: {
  document: DocumentJson;
  onRemoved: (document: DocumentJson, removal: Removal) => void;
}) {
  // While indexing, the counts are the ones reached so far.
  const pages = isPending(document) ? document.progress.pageCount : document.pages;
  const chunks = isPending(document) ? document.progress.chunksDone : document.chunks;
  return (
    <li
      data-testid="document-row"
      data-document-id={document.id}
      data-status={document.status}
      className={`grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-4 gap-y-2 px-4 py-3 ${DOCUMENT_COLUMNS}`}
    >
      <div className="min-w-0">
        <div className="flex min-w-0 items-center gap-2">
          <DocumentIcon className="size-5 shrink-0 text-zinc-400 dark:text-zinc-500" />
          {document.status === "ready" ? (
            <a
              href={`/documents/${encodeURIComponent(document.id)}`}
              data-testid="document-open"
              title={`Open ${document.name}`}
              className="min-w-0 truncate rounded hover:underline focus-visible:outline-2 focus-visible:outline-blue-600"
            >
              <span data-testid="document-name" className="font-medium text-sm sm:text-base">
                {document.name}
              </span>
            </a>
          ) : (
            <span
              data-testid="document-name"
              className="truncate font-medium text-sm sm:text-base"
              title={document.name}
            >
              {document.name}
            </span>
          )}
        </div>
        <DocumentState document={document} />
      </div>
      <dl className="col-span-2 row-start-2 flex flex-wrap gap-x-4 gap-y-1 text-sm sm:contents">
        <Field label="Pages" testId="document-pages">
          {pages ?? "—"}
        </Field>
        <Field label="Chunks" testId="document-chunks">
          {chunks}
        </Field>
        <Field label="Size" testId="document-size">
          {formatBytes(document.bytes)}
        </Field>
        <Field label="Added" testId="document-date">
          <LocalDate iso={document.createdAt} />
        </Field>
      </dl>
      <DocumentActions document={document} onRemoved={onRemoved} />
      <DocumentFailure document={document} />
    </li>
  );
});
