"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { locatePassage, splitAtRanges, type TextRange } from "@/lib/text/locate-passage";
import type { DocumentPage } from "@/lib/viewer/document-text";
import { fetchJson } from "../fetch-json";
import type { HighlightState } from "./viewer-types";

/** Characters of one page shown at once: a whole novel in one text node makes the page crawl. */
const MAX_SHOWN_CHARS = 300_000;
/** Characters shown before the passage when a page is cut to MAX_SHOWN_CHARS. */
const SHOWN_BEFORE = 100_000;

type ShownPage = DocumentPage & { ranges: TextRange[]; cutBefore: number; cutAfter: number };

function isCited(page: number | null, cited: { page: number | null; pageEnd: number | null }) {
  if (page === null || cited.page === null) return true;
  return page >= cited.page && page <= (cited.pageEnd ?? cited.page);
}

/** The page, highlighted where it holds the passage, cut around the highlight when it is too long to show whole. */
function showPage(page: DocumentPage, passage: string | null, cited: boolean): ShownPage {
  const ranges = passage && cited ? locatePassage(passage, page.text) : [];
  if (page.text.length <= MAX_SHOWN_CHARS) return { ...page, ranges, cutBefore: 0, cutAfter: 0 };
  const start = Math.max(0, (ranges[0]?.start ?? 0) - SHOWN_BEFORE);
  const end = Math.min(page.text.length, start + MAX_SHOWN_CHARS);
  return {
    page: page.page,
    text: page.text.slice(start, end),
    ranges: ranges
      .filter((range) => range.start >= start && range.end <= end)
      .map((range) => ({ start: range.start - start, end: range.end - start })),
    cutBefore: start,
    cutAfter: page.text.length - end,
  };
}

/**
 * A document without rendered pages (DOCX, Markdown, text, HTML, CSV, XLSX, PPTX): its text as
 * indexing read it, the passage highlighted and scrolled into view, slides or pages as sections.
 */
export default function TextDocumentView({
  documentId,
  kind,
  page,
  cited,
  passage,
  zoom,
  onPages,
  onHighlight,
  onError,
}: {
  documentId: string;
  kind: string;
  /** The page to bring into view, for formats with pages (PPTX slides). */
  page: number | null;
  cited: { page: number | null; pageEnd: number | null };
  passage: string | null;
  zoom: number;
  onPages: (pages: number[]) => void;
  onHighlight: (state: HighlightState) => void;
  onError: (message: string) => void;
}) {
  const [pages, setPages] = useState<DocumentPage[] | null>(null);
  const body = useRef<HTMLDivElement>(null);
  const callbacks = useRef({ onPages, onHighlight, onError });
  callbacks.current = { onPages, onHighlight, onError };

  useEffect(() => {
    const controller = new AbortController();
    callbacks.current.onHighlight(passage ? "locating" : "none");
    fetchJson<{ pages: DocumentPage[] }>(`/api/documents/${encodeURIComponent(documentId)}/text`, {
      signal: controller.signal,
      fallbackError: "The document's text could not be loaded",
    }).then(
      (outcome) => {
        if (!outcome.ok) return callbacks.current.onError(outcome.error);
        setPages(outcome.body.pages);
        callbacks.current.onPages(outcome.body.pages.flatMap(({ page }) => (page === null ? [] : [page])));
      },
      () => {},
    );
    return () => controller.abort();
  }, [documentId, passage]);

  const shown = useMemo(
    () => pages?.map((each) => showPage(each, passage, isCited(each.page, cited))) ?? null,
    [pages, passage, cited],
  );
  const found = shown?.some((each) => each.ranges.length > 0) ?? false;

  useEffect(() => {
    if (!shown) return;
    callbacks.current.onHighlight(!passage ? "none" : found ? "found" : "not-found");
    const mark = body.current?.querySelector("mark");
    if (mark) mark.scrollIntoView({ block: "center", behavior: "instant" });
  }, [shown, passage, found]);

  // Page navigation scrolls to the slide or page asked for.
  const lastPage = useRef(page);
  useEffect(() => {
    if (!shown || page === null || page === lastPage.current) return;
    lastPage.current = page;
    body.current?.querySelector(`[data-page="${page}"]`)?.scrollIntoView({ block: "start" });
  }, [shown, page]);

  if (!shown) {
    return <p className="px-4 py-6 text-sm text-zinc-500 dark:text-zinc-400">Loading the text…</p>;
  }
  const pageName = kind === "pptx" ? "Slide" : "Page";
  return (
    <div
      ref={body}
      data-testid="viewer-text"
      className="space-y-6 px-4 py-4 sm:px-6"
      style={{ fontSize: `${(0.875 * zoom).toFixed(3)}rem` }}
    >
      {shown.map((each) => (
        <section key={each.page ?? "text"} data-page={each.page ?? undefined} className="scroll-mt-2">
          {each.page !== null && (
            <h3 className="mb-2 font-semibold text-xs text-zinc-500 uppercase tracking-wide dark:text-zinc-400">
              {pageName} {each.page}
            </h3>
          )}
          {each.cutBefore > 0 && <Cut characters={each.cutBefore} where="before" />}
          <div className="whitespace-pre-wrap break-words leading-relaxed">
            {splitAtRanges(each.text, each.ranges).map((piece, n) =>
              piece.highlighted ? (
                <mark
                  // biome-ignore lint/suspicious/noArrayIndexKey: the pieces of one text, in order.
                  key={n}
                  data-testid="viewer-highlight"
                  className="rounded-[2px] bg-yellow-200 text-inherit dark:bg-yellow-500/40"
                >
                  {piece.text}
                </mark>
              ) : (
                // biome-ignore lint/suspicious/noArrayIndexKey: the pieces of one text, in order.
                <span key={n}>{piece.text}</span>
              ),
            )}
          </div>
          {each.cutAfter > 0 && <Cut characters={each.cutAfter} where="after" />}
        </section>
      ))}
    </div>
  );
}

function Cut({ characters, where }: { characters: number; where: "before" | "after" }) {
  return (
    <p className="my-2 text-xs text-zinc-500 italic dark:text-zinc-400">
      {characters.toLocaleString("en")} more characters {where === "before" ? "before" : "after"} this part
      are not shown.
    </p>
  );
}
