"use client";

import dynamic from "next/dynamic";
import { type ReactNode, useCallback, useEffect, useRef, useState } from "react";
import { pagesTitle } from "@/lib/chat/message-parts";
import { summaryHref } from "@/lib/chat/summary-href";
import type { DocumentJson } from "@/lib/ingest/document-json";
import { fetchJson } from "../fetch-json";
import { ChevronLeftIcon, ChevronRightIcon, CloseIcon, DownloadIcon, ExternalLinkIcon } from "../icons";
import type { HighlightState, ViewerTarget } from "./viewer-types";
import { viewerHref } from "./viewer-url";

// pdf.js loads with the first PDF opened, never with the page that links to it.
const PdfPageView = dynamic(() => import("./pdf-page-view"), { ssr: false, loading: () => <Loading /> });
const TextDocumentView = dynamic(() => import("./text-document-view"), {
  ssr: false,
  loading: () => <Loading />,
});

const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3];

const control =
  "inline-flex size-8 items-center justify-center rounded-md text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-blue-600 disabled:cursor-not-allowed disabled:opacity-40 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100";

function Loading() {
  return <p className="px-4 py-6 text-sm text-zinc-500 dark:text-zinc-400">Loading…</p>;
}

/**
 * A document opened at a page, the cited passage highlighted on it: the PDF page itself (pdf.js), or
 * the text of other formats. Beside the answer in the chat ("panel": a drawer on narrow screens), or
 * a page of its own that a link can open ("page").
 */
export function DocumentViewer({
  target,
  layout,
  title,
  onClose,
  children,
}: {
  target: ViewerTarget;
  layout: "panel" | "page";
  /** Above the document's name: "Passage [2]". */
  title?: string;
  onClose?: () => void;
  /** Shown under the header: the passage's own text, in the chat. */
  children?: ReactNode;
}) {
  const [document, setDocument] = useState<DocumentJson | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [page, setPage] = useState(target.page ?? 1);
  const [pageCount, setPageCount] = useState<number | null>(null);
  const [textPages, setTextPages] = useState<number[]>([]);
  const [zoom, setZoom] = useState(1);
  const [highlight, setHighlight] = useState<HighlightState>("none");
  const close = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    setPage(target.page ?? 1);
    setError(null);
    const controller = new AbortController();
    fetchJson<{ document: DocumentJson }>(`/api/documents/${encodeURIComponent(target.documentId)}`, {
      signal: controller.signal,
      fallbackError: "The document could not be opened",
    }).then(
      (outcome) => (outcome.ok ? setDocument(outcome.body.document) : setError(outcome.error)),
      () => {},
    );
    return () => controller.abort();
  }, [target]);

  // Beside the chat, focus moves into the viewer and goes back where it was when the viewer closes.
  useEffect(() => {
    if (layout !== "panel") return;
    const opener =
      window.document.activeElement instanceof HTMLElement ? window.document.activeElement : null;
    close.current?.focus();
    return () => opener?.focus();
  }, [layout]);

  useEffect(() => {
    if (!onClose) return;
    const onKey = (event: KeyboardEvent) => {
      // A dialog open over the page (the compare view) takes its own Escape.
      if (event.key !== "Escape" || event.defaultPrevented || window.document.querySelector("dialog[open]"))
        return;
      onClose();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);

  const onPages = useCallback((pages: number[]) => {
    setTextPages(pages);
    setPageCount(pages.length > 0 ? Math.max(...pages) : null);
  }, []);

  const kind = document?.kind;
  const isPdf = kind === "pdf";
  const hasPages = isPdf || textPages.length > 0;
  const lastPage = pageCount ?? document?.pages ?? null;
  const cited = target.page !== null && page >= target.page && page <= (target.pageEnd ?? target.page);
  // The passage is looked for on the pages it is cited from; other pages are shown as they are.
  const passage = target.page === null || cited ? target.passage : null;
  const goTo = (next: number) => setPage(Math.min(Math.max(1, next), lastPage ?? next));
  const zoomIndex = ZOOMS.indexOf(zoom);

  const panel = layout === "panel";
  return (
    <aside
      data-testid="document-viewer"
      aria-label={title ? `${title}: ${document?.name ?? "document"}` : (document?.name ?? "Document")}
      className={
        panel
          ? "fixed inset-0 z-40 flex flex-col bg-white lg:static lg:z-auto lg:w-[min(46rem,50%)] lg:shrink-0 lg:border-zinc-200 lg:border-l dark:bg-zinc-950 lg:dark:border-zinc-800"
          : "flex min-h-0 flex-1 flex-col"
      }
    >
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1 border-zinc-200 border-b px-3 py-2 sm:px-4 dark:border-zinc-800">
        <div className="min-w-0 flex-1">
          {title && <h2 className="font-semibold text-sm">{title}</h2>}
          <p className="truncate text-sm text-zinc-600 dark:text-zinc-400">
            <span data-testid="citation-document" className="font-medium text-zinc-800 dark:text-zinc-200">
              {document?.name ?? "…"}
            </span>
            {target.page !== null && (
              <>
                <span aria-hidden="true"> · </span>
                <span data-testid="citation-page">
                  {pagesTitle({ documentKind: kind, page: target.page, pageEnd: target.pageEnd })}
                </span>
              </>
            )}
          </p>
        </div>
        <div className="flex items-center gap-0.5">
          {hasPages && (
            <>
              <button
                type="button"
                data-testid="viewer-previous"
                aria-label={kind === "pptx" ? "Previous slide" : "Previous page"}
                className={control}
                disabled={page <= 1}
                onClick={() => goTo(page - 1)}
              >
                <ChevronLeftIcon className="size-4" />
              </button>
              <span className="px-1 text-sm tabular-nums" aria-live="polite">
                {kind === "pptx" ? "Slide" : "Page"} <span data-testid="viewer-page">{page}</span>
                {lastPage !== null && ` of ${lastPage}`}
              </span>
              <button
                type="button"
                data-testid="viewer-next"
                aria-label={kind === "pptx" ? "Next slide" : "Next page"}
                className={control}
                disabled={lastPage !== null && page >= lastPage}
                onClick={() => goTo(page + 1)}
              >
                <ChevronRightIcon className="size-4" />
              </button>
            </>
          )}
          <button
            type="button"
            data-testid="viewer-zoom-out"
            aria-label="Zoom out"
            className={control}
            disabled={zoomIndex <= 0}
            onClick={() => setZoom(ZOOMS[zoomIndex - 1])}
          >
            −
          </button>
          <span data-testid="viewer-zoom" className="w-11 text-center text-xs tabular-nums">
            {Math.round(zoom * 100)}%
          </span>
          <button
            type="button"
            data-testid="viewer-zoom-in"
            aria-label="Zoom in"
            className={control}
            disabled={zoomIndex >= ZOOMS.length - 1}
            onClick={() => setZoom(ZOOMS[zoomIndex + 1])}
          >
            +
          </button>
          {panel && (
            <a
              data-testid="viewer-link"
              href={viewerHref({ ...target, page: hasPages ? page : target.page })}
              target="_blank"
              rel="noopener"
              aria-label="Open in a new tab (a link to send)"
              title="Open in a new tab (a link to send)"
              className={control}
            >
              <ExternalLinkIcon className="size-4" />
            </a>
          )}
          {!panel && (
            <a
              data-testid="viewer-summarize"
              href={summaryHref([target.documentId])}
              title="Summarise the whole document in the chat"
              className={control}
            >
              Summarise
            </a>
          )}
          <a
            href={`/api/documents/${encodeURIComponent(target.documentId)}/file`}
            aria-label="Download the original"
            title="Download the original"
            className={control}
          >
            <DownloadIcon className="size-4" />
          </a>
          {onClose && (
            <button
              ref={close}
              type="button"
              data-testid="citation-close"
              aria-label="Close the document"
              title="Close"
              className={control}
              onClick={onClose}
            >
              <CloseIcon className="size-5" />
            </button>
          )}
        </div>
      </div>
      {children}
      <HighlightNote state={highlight} target={target} kind={kind} />
      <div className="min-h-0 flex-1 overflow-auto bg-zinc-100 dark:bg-zinc-900">
        {error ? (
          <p
            role="alert"
            data-testid="viewer-error"
            className="px-4 py-6 text-red-700 text-sm dark:text-red-400"
          >
            {error}
          </p>
        ) : !document ? (
          <Loading />
        ) : isPdf ? (
          <div className="p-3 sm:p-4">
            <PdfPageView
              documentId={document.id}
              bytes={document.bytes}
              page={page}
              zoom={zoom}
              passage={passage}
              ocr={document.ocrPages.includes(page)}
              onPageCount={setPageCount}
              onHighlight={setHighlight}
              onError={setError}
            />
          </div>
        ) : (
          <div className="min-h-full bg-white dark:bg-zinc-950">
            <TextDocumentView
              documentId={document.id}
              kind={document.kind}
              page={target.page === null ? null : page}
              cited={target}
              passage={target.passage}
              zoom={zoom}
              onPages={onPages}
              onHighlight={setHighlight}
              onError={setError}
            />
          </div>
        )}
      </div>
    </aside>
  );
}

function HighlightNote({
  state,
  target,
  kind,
}: {
  state: HighlightState;
  target: ViewerTarget;
  kind: DocumentJson["kind"] | undefined;
}) {
  if (state === "found" || state === "none") return null;
  const where = pagesTitle({ documentKind: kind, page: target.page, pageEnd: target.pageEnd }).toLowerCase();
  return (
    <p
      data-testid={state === "not-found" ? "viewer-not-found" : "viewer-locating"}
      className="border-zinc-200 border-b bg-amber-50 px-4 py-1.5 text-amber-900 text-xs dark:border-zinc-800 dark:bg-amber-950/40 dark:text-amber-200"
    >
      {state === "locating"
        ? "Finding the passage…"
        : where
          ? `The passage could not be located on ${where}: the ${kind === "pptx" ? "slide" : "page"} cited is shown without a highlight.`
          : "The passage could not be located in the document's text."}
    </p>
  );
}
