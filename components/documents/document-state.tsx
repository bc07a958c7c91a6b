import type { DocumentJson } from "@/lib/ingest/document-json";
import { AlertIcon, CheckIcon, ClockIcon, SpinnerIcon } from "../icons";
import { ProgressBar } from "../progress-bar";
import { indexingFraction, indexingProgressText, pageList, STATUS_LABELS } from "./indexing-progress";

const tone: Record<DocumentJson["status"], string> = {
  queued: "text-zinc-600 dark:text-zinc-400",
  indexing: "text-blue-800 dark:text-blue-300",
  ready: "text-emerald-700 dark:text-emerald-400",
  failed: "text-red-700 dark:text-red-400",
  deleting: "text-zinc-600 dark:text-zinc-400",
};

function StatusIcon({ status }: { status: DocumentJson["status"] }) {
  const className = "mt-px size-3.5 shrink-0";
  if (status === "ready") return <CheckIcon className={className} />;
  if (status === "failed") return <AlertIcon className={className} />;
  if (status === "indexing") return <SpinnerIcon className={className} />;
  return <ClockIcon className={className} />;
}

/** Where the document is in the ingestion queue: "Queued", "Indexing · 40/130 pages · 120 chunks", … */
export function DocumentState({ document }: { document: DocumentJson }) {
  const progress = document.status === "indexing" ? indexingProgressText(document) : "";
  return (
    <div className="mt-0.5 pl-7">
      <p
        data-testid="document-status"
        className={`flex min-w-0 items-start gap-1 text-xs tabular-nums ${tone[document.status]}`}
      >
        <StatusIcon status={document.status} />
        <span className="min-w-0">
          {STATUS_LABELS[document.status]}
          {progress && (
            <>
              {" · "}
              <span data-testid="document-progress">{progress}</span>
            </>
          )}
        </span>
      </p>
      {document.status === "ready" && <OcrNote document={document} />}
      {document.status === "indexing" && (
        <ProgressBar
          label={`Indexing ${document.name}`}
          fraction={indexingFraction(document)}
          valueText={progress || "Starting"}
          className="mt-1 max-w-xs"
        />
      )}
    </div>
  );
}

/** Which pages were read by OCR, and which held no text at all: worth a look at the original. */
function OcrNote({ document }: { document: DocumentJson }) {
  const { ocrPages, emptyPages, pages } = document;
  if (ocrPages.length === 0 && emptyPages.length === 0) return null;
  const all = pages !== null && ocrPages.length === pages;
  return (
    <p className="mt-0.5 text-xs text-zinc-600 dark:text-zinc-400">
      {ocrPages.length > 0 && (
        <span
          data-testid="document-ocr"
          title={`Read by OCR: page${ocrPages.length === 1 ? "" : "s"} ${pageList(ocrPages)}`}
          className="mr-2 rounded bg-amber-100 px-1.5 py-px font-medium text-amber-900 dark:bg-amber-900/40 dark:text-amber-200"
        >
          OCR · {all ? "every page" : `${ocrPages.length} of ${pages ?? "?"} pages`}
        </span>
      )}
      {emptyPages.length > 0 && (
        <span data-testid="document-empty-pages">
          No text found on page{emptyPages.length === 1 ? "" : "s"} {pageList(emptyPages)}
        </span>
      )}
    </p>
  );
}

/** Why indexing failed, in full: it often says what to do ("… OCR found none on its 2 pages. Check that the scan is legible …"). */
export function DocumentFailure({ document }: { document: DocumentJson }) {
  if (document.status !== "failed") return null;
  return (
    <p className="col-span-full flex items-start gap-1.5 break-words rounded-lg bg-red-50 px-3 py-2 text-red-800 text-sm dark:bg-red-950/40 dark:text-red-200">
      <AlertIcon className="mt-0.5 size-4 shrink-0" />
      <span className="min-w-0">
        <span className="font-medium">Failed: </span>
        <span data-testid="document-error">{document.error ?? "Indexing stopped without a reason."}</span>
      </span>
    </p>
  );
}
