import type { DocumentJson } from "@/lib/ingest/document-json";
import type { Removal } from "./document-actions";
import { DOCUMENT_COLUMNS, DocumentRow } from "./document-row";

export function DocumentList({
  documents,
  labelledBy,
  onRemoved,
}: {
  documents: DocumentJson[];
  labelledBy: string;
  onRemoved: (document: DocumentJson, removal: Removal) => void;
}) {
  return (
    <div
      data-testid="document-list"
      className="overflow-hidden rounded-xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900"
    >
      {documents.length === 0 ? (
        <p
          data-testid="empty-documents"
          className="px-4 py-10 text-center text-sm text-zinc-600 dark:text-zinc-400"
        >
          No documents yet. Upload one above and it will appear here.
        </p>
      ) : (
        <>
          {/* Visual headings only: each row names its values for assistive technology. */}
          <div
            aria-hidden="true"
            className={`hidden gap-x-4 border-zinc-200 border-b bg-zinc-50 px-4 py-2 font-medium text-xs text-zinc-500 uppercase tracking-wide sm:grid dark:border-zinc-800 dark:bg-zinc-900/80 dark:text-zinc-400 ${DOCUMENT_COLUMNS}`}
          >
            <span>Name</span>
            <span className="text-right">Pages</span>
            <span className="text-right">Chunks</span>
            <span className="text-right">Size</span>
            <span className="text-right">Added</span>
            <span />
          </div>
          <ul aria-labelledby={labelledBy} className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {documents.map((document) => (
              <DocumentRow key={document.id} document={document} onRemoved={onRemoved} />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
